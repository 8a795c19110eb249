package dev.swarmledger.node.query;

import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.StatsView;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import java.math.BigInteger;
import java.util.Optional;

/** The swarm's figures for the dashboard. */
public final class StatsQuery {
  private StatsQuery() {}

  /**
   * @param eventSubscribers clients following the event stream now (the node knows, not the state)
   */
  public static StatsView of(LedgerState s, long eventSubscribers) {
    long pending = 0;
    long verified = 0;
    long rejected = 0;
    // A sum of per-result counts up to 2^63-1 each: BigInteger, so it never wraps or throws.
    BigInteger verifiedFlops = BigInteger.ZERO;
    for (Result r : s.results().values()) {
      switch (r.status()) {
        case PENDING -> pending++;
        case VERIFIED -> {
          verified++;
          verifiedFlops = verifiedFlops.add(BigInteger.valueOf(r.submission().run().flops()));
        }
        case REJECTED -> rejected++;
      }
    }
    return new StatsView(
        s.size(),
        s.accounts().size(),
        s.accounts().stream().filter(Account::isVerifier).count(),
        new StatsView.ResultCounts(pending, verified, rejected),
        verifiedFlops,
        s.claims().stream().filter(c -> c.activeAt(s.lastTime())).count(),
        s.hypotheses().size(),
        s.minted(),
        s.burned(),
        s.supply(),
        s.tracks().stream()
            .map(t -> s.best(t.id()))
            .flatMap(Optional::stream)
            .map(BestView::of)
            .toList(),
        eventSubscribers);
  }
}
