package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.results.Best;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.Optional;

/**
 * A track's verified best. {@code GET /v1/best} adds the full result ({@code detail}, with its
 * source); lists of tracks and the stats show the best without it.
 */
public record BestView(
    String track,
    long result,
    double valBpb,
    PublicKey account,
    long since,
    Optional<ResultView> detail) {

  public static BestView of(Best b) {
    return new BestView(
        b.track(), b.result(), b.valBpb(), b.account(), b.since(), Optional.empty());
  }

  /** The best with its result in full, as {@code GET /v1/best} serves it. */
  public static BestView withDetail(Best b, LedgerState s) {
    ResultView detail = ResultView.of(s.result(b.result()).orElseThrow(), true);
    return new BestView(
        b.track(), b.result(), b.valBpb(), b.account(), b.since(), Optional.of(detail));
  }
}
