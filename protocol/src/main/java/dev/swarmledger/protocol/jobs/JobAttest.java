package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.Optional;

/**
 * {@code job.attest}: the verifier assigned to a completed job reports its re-run. A measured
 * verdict carries what the re-run produced, and must be the one the comparison gives.
 */
public record JobAttest(
    long job,
    JobVerdict verdict,
    String hardwareClass,
    Optional<JobOutput> measured,
    Optional<String> reason)
    implements TxBody {
  @Override
  public TxType type() {
    return TxType.JOB_ATTEST;
  }
}
