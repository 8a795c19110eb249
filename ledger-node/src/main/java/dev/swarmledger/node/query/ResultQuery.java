package dev.swarmledger.node.query;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.ArrayList;
import java.util.List;

/** Results: one in full (with its source), or a filtered page newest first (without). */
public final class ResultQuery {
  private ResultQuery() {}

  public static ResultView one(LedgerState s, long id) {
    return s.result(id)
        .map(r -> ResultView.of(r, true))
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_RESULT, "unknown result " + id));
  }

  public static List<ResultView> page(LedgerState s, ResultFilter f) {
    KnownTrack.requireIfGiven(s, f.track());
    List<ResultView> out = new ArrayList<>();
    for (Result r : s.results().tailMap(f.since(), true).descendingMap().values()) {
      if (out.size() >= f.limit()) {
        break;
      }
      if (f.matches(r)) {
        out.add(ResultView.of(r, false));
      }
    }
    return out;
  }
}
