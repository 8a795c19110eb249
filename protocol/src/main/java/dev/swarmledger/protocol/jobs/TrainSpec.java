package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.OptionalLong;

/**
 * A training job: an experiment's source trained on a track's data with the trusted harness, for a
 * FLOP budget and a seed; the final weights are kept as a blob.
 *
 * @param source the experiment's full source; a job started from a verified result carries that
 *     result's source, copied when the job was created
 * @param fromResult the verified result the job starts from, when it was created from one
 * @param budgetFlops the training FLOP budget the harness enforces
 */
public record TrainSpec(
    String track,
    String source,
    Hash sourceSha256,
    OptionalLong fromResult,
    long seed,
    long budgetFlops)
    implements JobSpec {
  @Override
  public JobKind kind() {
    return JobKind.TRAIN;
  }
}
