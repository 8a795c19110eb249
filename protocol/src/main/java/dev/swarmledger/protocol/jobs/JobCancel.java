package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** {@code job.cancel}: the spender withdraws an open job; its whole escrow comes back. */
public record JobCancel(long job) implements TxBody {
  @Override
  public TxType type() {
    return TxType.JOB_CANCEL;
  }
}
