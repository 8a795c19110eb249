package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.TrainSpec;
import java.util.Optional;

/**
 * A job as {@code GET /v1/jobs} and {@code GET /v1/jobs/{id}} serve it: the whole {@link Job}
 * (spec, escrow, lease, completion, verifier, history, settlement). Lists leave a training job's
 * source out ({@code sourceIncluded} false: its {@code source_sha256} is still there); the single
 * job carries it.
 */
public record JobView(Job job, boolean sourceIncluded) {

  /** Only a training job has a source to include. */
  public JobView {
    sourceIncluded = sourceIncluded && job.spec() instanceof TrainSpec;
  }

  public static JobView of(Job job, boolean withSource) {
    return new JobView(job, withSource);
  }

  /** The training source, when the answer carried it. */
  public Optional<String> source() {
    return sourceIncluded && job.spec() instanceof TrainSpec t
        ? Optional.of(t.source())
        : Optional.empty();
  }
}
