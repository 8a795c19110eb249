package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/**
 * {@code job.complete}: the worker holding the lease reports what it produced, on the hardware
 * class it was granted.
 */
public record JobComplete(long job, String hardwareClass, JobOutput output) implements TxBody {
  @Override
  public TxType type() {
    return TxType.JOB_COMPLETE;
  }
}
