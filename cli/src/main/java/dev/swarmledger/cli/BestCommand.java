package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.LedgerClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    JsonNode best = ThinkCommand.bestOrNull(node.client(), LedgerClient.encode(track));
    if (best == null) {
      System.out.println("no verified best on " + track + " yet");
      return 1;
    }
    JsonNode r = best.get("result_detail");
    if (source != null) {
      Files.writeString(source, r.get("source").asText());
    }
    if (json) {
      Json.print(best);
      return 0;
    }
    System.out.printf(
        "best on %s: val_bpb %.6f, result #%d by %s, %d steps, seed %d%n",
        track,
        best.get("val_bpb").asDouble(),
        best.get("result").asLong(),
        best.get("account").asText(),
        r.get("steps").asLong(),
        r.get("seed").asLong());
    if (source != null) {
      System.out.println(
          "wrote its source to " + source + " (sha256 " + r.get("source_sha256").asText() + ")");
    }
    return 0;
  }
}
