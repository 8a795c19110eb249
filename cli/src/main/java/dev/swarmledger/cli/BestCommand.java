package dev.swarmledger.cli;

import dev.swarmledger.protocol.api.BestJson;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ResultView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm best}: the verified best, and its source to start from. */
@Command(
    name = "best",
    description = "Show the verified best of a track; --source writes its experiment file.")
final class BestCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "Track (default ${DEFAULT-VALUE}).")
  String track;

  @Option(names = "--source", description = "Write the best experiment's source to this file.")
  Path source;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Optional<BestView> found = node.client().best(track);
    if (found.isEmpty()) {
      System.out.println("no verified best on " + track + " yet");
      return ExitCodes.NOT_FOUND;
    }
    BestView best = found.get();
    ResultView r = best.detail().orElseThrow();
    if (source != null) {
      Files.writeString(source, r.source().orElseThrow());
    }
    if (json) {
      Json.print(BestJson.encode(best));
      return 0;
    }
    System.out.printf(
        "best on %s: val_bpb %.6f, result #%d by %s, %d steps, seed %d%n",
        track, best.valBpb(), best.result(), best.account().hex(), r.steps(), r.seed());
    if (source != null) {
      System.out.println(
          "wrote its source to " + source + " (sha256 " + r.sourceSha256().hex() + ")");
    }
    return 0;
  }
}
