package dev.swarmledger.cli;

import dev.swarmledger.protocol.api.LeaderboardJson;
import dev.swarmledger.protocol.api.LeaderboardRow;
import dev.swarmledger.protocol.api.LeaderboardView;
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
    LeaderboardView lb = node.client().leaderboard(track);
    if (json) {
      Json.print(LeaderboardJson.encode(lb));
      return 0;
    }
    System.out.printf(
        "%-4s %-20s %10s %8s %8s %8s %14s%n",
        "rank", "account", "best", "verified", "rejected", "pending", "credits earned");
    for (LeaderboardRow r : lb.rows()) {
      System.out.printf(
          "%-4d %-20s %10s %8d %8d %8d %14s%n",
          r.rank(),
          r.name().orElse(r.account().hex().substring(0, 12)),
          r.bestValBpb().isPresent() ? String.format("%.4f", r.bestValBpb().getAsDouble()) : "-",
          r.verified(),
          r.rejected(),
          r.pending(),
          Credits.format(r.earned().orElse(0)));
    }
    return 0;
  }
}
