package dev.swarmledger.protocol.api;

import java.util.List;

/** A track's ranking: accounts by their best verified val_bpb, unranked ones last. */
public record LeaderboardView(String track, List<LeaderboardRow> rows) {
  public LeaderboardView {
    rows = List.copyOf(rows);
  }
}
