package dev.swarmledger.protocol.api;

import java.util.List;

/**
 * The swarm's figures for the dashboard ({@code GET /v1/stats}).
 *
 * @param verifiedFlops training FLOPs of verified results, as their submitters measured them
 * @param eventSubscribers clients following the event stream when asked
 */
public record StatsView(
    long logSize,
    long accounts,
    long verifiers,
    ResultCounts results,
    long verifiedFlops,
    long claimsActive,
    long hypotheses,
    long minted,
    long burned,
    long supply,
    List<BestView> best,
    long eventSubscribers) {

  public StatsView {
    best = List.copyOf(best);
  }

  /** Results by verification status. */
  public record ResultCounts(long pending, long verified, long rejected) {}
}
