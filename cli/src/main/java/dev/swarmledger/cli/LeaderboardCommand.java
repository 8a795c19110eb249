package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.state.Credits;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm leaderboard}. */
@Command(name = "leaderboard", description = "Accounts ranked by their best verified val_bpb.")
final class LeaderboardCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "Track (default ${DEFAULT-VALUE}).")
  String track;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() {
    JsonNode lb = node.client().getJson("v1/leaderboard?track=" + LedgerClient.encode(track));
    if (json) {
      Json.print(lb);
      return 0;
    }
    System.out.printf(
        "%-4s %-20s %10s %8s %8s %8s %14s%n",
        "rank", "account", "best", "verified", "rejected", "pending", "credits earned");
    for (JsonNode r : lb.get("leaderboard")) {
      System.out.printf(
          "%-4d %-20s %10s %8d %8d %8d %14s%n",
          r.get("rank").asInt(),
          r.has("name") ? r.get("name").asText() : r.get("account").asText().substring(0, 12),
          r.has("best_val_bpb") ? String.format("%.4f", r.get("best_val_bpb").asDouble()) : "-",
          r.get("verified").asLong(),
          r.get("rejected").asLong(),
          r.get("pending").asLong(),
          Credits.format(r.path("earned").asLong()));
    }
    return 0;
  }
}
