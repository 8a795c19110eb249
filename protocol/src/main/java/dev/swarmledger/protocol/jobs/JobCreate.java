package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/**
 * {@code job.create}: a spender escrows up to {@code maxMicro} micro-credits for a job, paid at
 * {@code priceMicro} micro-credits per 10^15 counted FLOPs (plus the verifier's fee when re-run).
 */
public record JobCreate(JobSpec spec, long priceMicro, long maxMicro) implements TxBody {
  @Override
  public TxType type() {
    return TxType.JOB_CREATE;
  }
}
