package dev.swarmledger.node.query;

import dev.swarmledger.protocol.api.QueryParams;
import dev.swarmledger.protocol.api.WorkItemView;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.List;

/** A verifier's work: pending results assigned to it that it has not attested, oldest first. */
public final class WorkQuery {
  private WorkQuery() {}

  public static List<WorkItemView> of(LedgerState s, PublicKey verifier) {
    return s.pendingResults().stream()
        .filter(r -> r.assigned().contains(verifier) && !r.attestedBy(verifier))
        .limit(QueryParams.MAX_PAGE)
        .map(WorkItemView::of)
        .toList();
  }
}
