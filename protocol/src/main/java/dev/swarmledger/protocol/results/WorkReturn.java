package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** An assigned verifier hands a result back (it cannot re-run it), so another one takes it. */
public record WorkReturn(long result) implements TxBody {
  @Override
  public TxType type() {
    return TxType.WORK_RETURN;
  }
}
