package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.crypto.Hash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm claim}: announce the experiment you are about to run, or release a claim. */
@Command(
    name = "claim",
    description =
        "Claim an experiment before running it (refused if someone runs the same source or idea).",
    subcommands = ClaimCommand.Release.class)
final class ClaimCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "Track (default ${DEFAULT-VALUE}).")
  String track;

  @Option(
      names = {"--description", "-d"},
      description = "What you will try, in a sentence.")
  String description;

  @Option(names = "--parent", description = "Result id it builds on (default: the current best).")
  Long parent;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXPERIMENT.java",
      description = "The exact source you will run.")
  Path source;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (source == null || description == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "give EXPERIMENT.java and -d DESCRIPTION (or: swarm claim release CLAIM)");
    }
    Hash sha =
        Hash.sha256(
            RunCommand.readSource(source, System.err)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ClaimCreate body =
        new ClaimCreate(
            track,
            description,
            parent == null ? OptionalLong.empty() : OptionalLong.of(parent),
            sha);
    LedgerClient.Submitted s = node.session().submit(body);
    if (json) {
      Json.print(Json.object().put("claim", s.index()).put("source_sha256", sha.hex()));
    } else {
      System.out.println(
          "claim #"
              + s.index()
              + " active for 15 minutes of log time (source "
              + sha.hex().substring(0, 12)
              + "…)");
    }
    return 0;
  }

  /** {@code swarm claim release ID}. */
  @Command(name = "release", description = "Release one of your active claims early.")
  static final class Release implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Parameters(index = "0", paramLabel = "CLAIM", description = "Claim id.")
    long claim;

    @Mixin JsonOption out;

    @Override
    public Integer call() {
      var s = node.session().submit(new ClaimRelease(claim));
      out.print(
          JsonOption.leaf(s).put("claim", claim).put("released", true),
          "claim #" + claim + " released");
      return 0;
    }
  }
}
