package dev.swarmledger.node.query;

import dev.swarmledger.protocol.api.ClaimFilter;
import dev.swarmledger.protocol.api.ClaimView;
import dev.swarmledger.protocol.api.ClaimsPage;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims newest first, judged at the log's time and shown in the API's words (an unexpired open
 * claim is "active"). The page stops at {@code limit} claims looked at or at the first claim older
 * than {@code since}, so a narrow filter cannot make the node walk every claim.
 */
public final class ClaimQuery {
  private ClaimQuery() {}

  public static ClaimsPage page(LedgerState s, ClaimFilter f) {
    KnownTrack.requireIfGiven(s, f.track());
    List<ClaimView> out = new ArrayList<>();
    for (Claim c : s.claimsNewestFirst()) {
      if (out.size() >= f.limit() || c.id() < f.since()) {
        break;
      }
      ClaimView v = ClaimView.of(c, s.lastTime()).served();
      if (f.matches(v)) {
        out.add(v);
      }
    }
    return new ClaimsPage(out, s.lastTime());
  }
}
