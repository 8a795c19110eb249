package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** {@code job.lease}: a worker takes an open job until a deadline in log time. */
public record JobLease(long job) implements TxBody {
  @Override
  public TxType type() {
    return TxType.JOB_LEASE;
  }
}
