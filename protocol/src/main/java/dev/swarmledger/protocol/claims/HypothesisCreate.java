package dev.swarmledger.protocol.claims;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.List;

/** An idea worth trying, with the results that suggest it and a priority (0 low .. 5 high). */
public record HypothesisCreate(
    String track,
    String title,
    String text,
    String suggestedChange,
    List<Long> evidence,
    int priority)
    implements TxBody {
  public HypothesisCreate {
    evidence = List.copyOf(evidence);
  }

  @Override
  public TxType type() {
    return TxType.HYPOTHESIS_CREATE;
  }
}
