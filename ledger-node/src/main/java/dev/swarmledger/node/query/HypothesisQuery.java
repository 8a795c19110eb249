package dev.swarmledger.node.query;

import dev.swarmledger.protocol.api.HypothesisFilter;
import dev.swarmledger.protocol.api.HypothesisView;
import dev.swarmledger.protocol.claims.Hypothesis;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.Comparator;
import java.util.List;

/** Hypotheses, most urgent first: highest priority, then newest. */
public final class HypothesisQuery {
  private static final Comparator<Hypothesis> URGENT_FIRST =
      Comparator.comparingInt(Hypothesis::priority)
          .reversed()
          .thenComparing(Comparator.comparingLong(Hypothesis::id).reversed());

  private HypothesisQuery() {}

  public static List<HypothesisView> page(LedgerState s, HypothesisFilter f) {
    KnownTrack.requireIfGiven(s, f.track());
    return s.hypotheses().stream()
        .filter(h -> h.id() >= f.since() && f.track().map(t -> t.equals(h.track())).orElse(true))
        .sorted(URGENT_FIRST)
        .limit(f.limit())
        .map(HypothesisView::of)
        .toList();
  }
}
