package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.Publication;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.trainer.harness.ParameterFileDigest;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunRecordJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm publish RUN.json EXPERIMENT.java}: submit a finished run for verification. */
@Command(
    name = "publish",
    description = "Publish a run record (from swarm run --json) with the exact source that ran.")
final class PublishCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Parameters(index = "0", paramLabel = "RUN.json", description = "The run record.")
  Path run;

  @Parameters(
      index = "1",
      paramLabel = "EXPERIMENT.java",
      description = "The source that produced it.")
  Path source;

  @Option(names = "--claim", description = "Your claim id for this experiment.")
  Long claim;

  @Option(names = "--parent", description = "The result it builds on.")
  Long parent;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Option(
      names = "--weights",
      description =
          "The run's final parameters (`swarm run --weights FILE`): published with the result and"
              + " uploaded once it is logged, so verifiers that reproduce them make it a model.")
  Path weights;

  @Override
  public Integer call() throws IOException {
    RunRecord record = RunRecordJson.fromJson(Files.readString(run));
    Optional<Hash> kept = Optional.empty();
    if (weights != null) {
      String state = ParameterFileDigest.stateHash(weights);
      if (!state.equals(record.finalParamHash())) {
        throw new IllegalArgumentException(
            weights
                + " holds parameters hashing to "
                + state
                + ", not this run's "
                + record.finalParamHash());
      }
      kept = Optional.of(Hash.fromHex(ParameterFileDigest.fileSha256(weights)));
    }
    ResultSubmit body =
        Publication.of(
            record, RunCommand.readSource(source, System.err), opt(claim), opt(parent), kept);
    LedgerClient.Submitted s = node.session().submit(body);
    if (weights != null) {
      node.client().putBlob(KeyFiles.read(node.key), weights);
    }
    if (json) {
      Json.print(Json.object().put("result", s.index()).put("leaf_hash", s.leafHash().hex()));
    } else {
      System.out.printf(
          "published result #%d (val_bpb %.6f); verifiers are assigned — follow it with: swarm think%n",
          s.index(), record.valBpb());
    }
    return 0;
  }

  private static OptionalLong opt(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
