package dev.swarmledger.cli;

import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.ResultView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm result ID}: one result as the node serves it, with its verification. */
@Command(
    name = "result",
    description = "Show one result: its run, status, attestations, what it minted, its source.")
final class ResultCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "ID", description = "Result id.")
  long id;

  @Option(names = "--source", description = "Write the result's experiment source to this file.")
  Path source;

  @Option(names = "--json", description = "The API's JSON of the result (source included).")
  boolean json;

  @Override
  public Integer call() throws IOException {
    ResultView r =
        node.client().result(id).orElseThrow(() -> new ExitCodes.Missing("no result " + id));
    if (source != null) {
      Files.writeString(source, r.source().orElseThrow());
    }
    if (json) {
      Json.print(ResultJson.encode(r));
      return ExitCodes.OK;
    }
    System.out.printf(
        "result #%d on %s by %s: %s%n  claimed val_bpb %.6f, %,d FLOPs, %d steps, seed %d, class %s%n",
        r.id(),
        r.track(),
        r.account().hex(),
        r.status().wireName(),
        r.valBpb(),
        r.run().flops(),
        r.steps(),
        r.seed(),
        r.run().hardwareClass());
    r.verifiedValBpb().ifPresent(v -> System.out.printf("  verified val_bpb %.6f%n", v));
    r.parent().ifPresent(p -> System.out.println("  builds on #" + p));
    System.out.printf(
        "  attestations %d of quorum %d; minted %s credits%s%n",
        r.attestations().size(),
        r.quorum(),
        dev.swarmledger.protocol.state.Credits.format(r.minted()),
        r.becameBest() ? "; became the best" : "");
    if (source != null) {
      System.out.println("wrote its source to " + source);
    }
    return ExitCodes.OK;
  }
}
