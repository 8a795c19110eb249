package dev.swarmledger.verifier;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.PublishedModels;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.jobs.JobRunner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The re-run of a completed job: the same {@link JobRunner} the worker ran, on this verifier's
 * machine of the worker's class, and the exact comparison of the two outputs. The verdict is what
 * the comparison says; a re-run that cannot happen here is {@code failed} with its reason, which
 * hands the check to another verifier and costs the worker nothing.
 */
public final class JobReRun {
  private final LedgerClient client;
  private final Trainer trainer;
  private final PublishedModels models;
  private final Path scratch;

  public JobReRun(LedgerClient client, Trainer trainer, Path stateDir) {
    this.client = client;
    this.trainer = trainer;
    this.models = new PublishedModels(client, stateDir.resolve("models"));
    this.scratch = stateDir.resolve("scratch");
  }

  /**
   * What the check found: the attestation to sign, and this re-run's output file when it reproduced
   * the worker's (the verifier then holds a copy of the spender's output to upload).
   */
  public record Outcome(JobAttest attestation, Optional<JobRunner.Ran> reproduced) {}

  /** Re-runs {@code job} (completed, assigned to this verifier of class {@code granted}). */
  public Outcome check(Job job, String granted, ProgressListener progress) {
    Job.Completion c = job.completion().orElseThrow();
    JobRunner runner = new JobRunner(trainer, JobRunner.threadsFor(granted));
    JobRunner.Ran ran;
    try {
      if (job.spec() instanceof TrainSpec t) {
        ran = runner.train(t, track(t.track()), progress, scratch);
      } else {
        InferSpec spec = (InferSpec) job.spec();
        PublishedModels.Fetched m = models.fetch(spec.model());
        ran =
            runner.infer(
                spec,
                new JobRunner.Model(
                    m.result().track(),
                    m.result().source().orElseThrow(),
                    m.result().seed(),
                    m.weights(),
                    m.result().run().finalParamHash().hex()),
                track(m.result().track()),
                scratch);
      }
    } catch (TrainerException | IllegalStateException e) {
      return failed(job, granted, "the re-run failed here: " + e.getMessage());
    }
    if (!ran.hardwareClass().equals(granted)) {
      return failed(
          job,
          granted,
          "this machine measured " + ran.hardwareClass() + " but was granted " + granted);
    }
    JobOutput mine = ran.output();
    boolean same = c.output().sameAs(mine);
    JobAttest attest =
        new JobAttest(
            job.id(),
            same ? JobVerdict.EXACT : JobVerdict.MISMATCH,
            granted,
            Optional.of(mine),
            same ? Optional.empty() : Optional.of(explain(c.output(), mine)));
    return new Outcome(attest, same ? Optional.of(ran) : Optional.empty());
  }

  private static Outcome failed(Job job, String granted, String reason) {
    String r = reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason;
    return new Outcome(
        new JobAttest(job.id(), JobVerdict.FAILED, granted, Optional.empty(), Optional.of(r)),
        Optional.empty());
  }

  private static String explain(JobOutput theirs, JobOutput mine) {
    if (theirs.flops() != mine.flops()) {
      return "FLOPs differ: worker " + theirs.flops() + ", re-run " + mine.flops();
    }
    return "outputs differ: worker " + theirs.blob().hex() + ", re-run " + mine.blob().hex();
  }

  private TrackSpec track(String id) {
    return client
        .track(id)
        .map(TrackView::spec)
        .orElseThrow(() -> new IllegalStateException("the node lists no track " + id));
  }
}
