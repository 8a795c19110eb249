package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.JobScene.GPU;
import static dev.swarmledger.protocol.state.JobScene.PRICE;
import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.api.JobJson;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.RunSummary;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link JobJson} round trips real jobs, made by the rules, in every status and with a history:
 * encoded to canonical bytes, parsed and decoded, a job is the job it was, with its source or (as
 * lists serve it) without.
 */
class JobJsonRoundTripTest {
  private static final long FLOPS = 40_000_000_000L;

  @Test
  void everyJobTheRulesMakeRoundTripsWithAndWithoutItsSource() {
    JobScene s = new JobScene();
    SwarmLog log = s.log;

    long cancelled = s.inferJob(1_000);
    log.apply(s.w3, new JobLease(cancelled));
    s.pastLease();
    log.apply(s.alice, new JobCancel(cancelled)); // with a lapse in its history
    long open = s.inferJob(1_000);
    long running = s.inferJob(1_000);
    log.apply(s.w1, new JobLease(running));
    long waiting = s.inferJob(1_000); // completed on a class nobody verifies
    log.apply(s.gpuWorker, new JobLease(waiting));
    log.apply(
        s.gpuWorker,
        new JobComplete(
            waiting, GPU, new JobOutput.Inferred(Hash.sha256(new byte[] {9}), FLOPS, 0.25)));
    long checking = s.inferJob(1_000);
    s.leaseAndComplete(s.w2, checking, "out", FLOPS);
    long settled = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, settled, "fine", FLOPS);
    s.verdict(settled, true);
    long failed = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, failed, "lie 1", FLOPS);
    s.verdict(failed, false);
    s.leaseAndComplete(s.w3, failed, "lie 2", FLOPS);
    log.apply(
        s.checker(failed),
        new JobAttest(failed, JobVerdict.FAILED, CPU, Optional.empty(), Optional.of("crashed")));
    s.verdict(failed, false);
    s.leaseAndComplete(s.w2, failed, "lie 3", FLOPS);
    s.verdict(failed, false);
    long score = log.next();
    log.apply(
        s.alice,
        new JobCreate(
            new InferSpec(
                s.model, InferSpec.Mode.SCORE, "to be or".getBytes(StandardCharsets.UTF_8), 0),
            PRICE,
            500));

    String src = SwarmLog.source("m");
    long fromModel = log.next();
    log.apply(
        s.alice,
        new JobCreate(
            new TrainSpec(
                SwarmLog.TRACK,
                src,
                SwarmLog.sha(src),
                OptionalLong.of(s.model),
                3,
                1_000_000_000_000L),
            PRICE,
            2_200));
    log.apply(s.w2, new JobLease(fromModel));
    RunSummary run =
        SwarmLog.run(3.1, 1_000_000_000_000L, "trained", CPU)
            .withWeights(SwarmLog.weights("trained"));
    log.apply(s.w2, new JobComplete(fromModel, CPU, new JobOutput.Trained(run)));
    log.apply(
        s.checker(fromModel),
        new JobAttest(
            fromModel,
            JobVerdict.EXACT,
            CPU,
            Optional.of(new JobOutput.Trained(run)),
            Optional.empty()));
    long training = log.next();
    log.apply(s.alice, SwarmLog.trainJob(SwarmLog.source("t"), 1_000_000_000_000L, PRICE, 5_000));

    Set<Job.Status> seen = EnumSet.noneOf(Job.Status.class);
    for (Job j : log.state.jobs().values()) {
      seen.add(j.status());
      for (boolean withSource : new boolean[] {true, false}) {
        JobView view = JobView.of(j, withSource);
        byte[] wire = StrictJson.canonical(JobJson.encode(view));
        JobView back = JobJson.decode(StrictJson.parseObject(wire));
        assertThat(back.source()).isEqualTo(view.source());
        assertThat(StrictJson.canonical(JobJson.encode(back))).isEqualTo(wire);
        if (withSource || !(j.spec() instanceof TrainSpec)) {
          assertThat(back.job()).as("job %s", j.id()).isEqualTo(j);
        } else {
          // A list leaves the source out and keeps its hash.
          TrainSpec t = (TrainSpec) j.spec();
          TrainSpec bare =
              new TrainSpec(
                  t.track(), "", t.sourceSha256(), t.fromResult(), t.seed(), t.budgetFlops());
          assertThat(back.job()).isEqualTo(withSpec(j, bare));
          assertThat(back.sourceIncluded()).isFalse();
        }
        if (j.spec() instanceof TrainSpec) {
          assertThat(back).isEqualTo(withSource ? view : JobView.of(back.job(), false));
        }
      }
    }
    assertThat(seen).isEqualTo(EnumSet.allOf(Job.Status.class));
    assertThat(log.job(checking).check()).isPresent();
    assertThat(log.job(waiting).check()).isEmpty();
    assertThat(log.job(failed).history()).hasSize(4);
    assertThat(log.job(cancelled).history()).hasSize(1);
    assertThat(log.job(fromModel).status()).isEqualTo(Job.Status.SETTLED);
    assertThat(log.job(training).status()).isEqualTo(Job.Status.OPEN);
    assertThat(log.job(score).status()).isEqualTo(Job.Status.OPEN);
    assertThat(log.job(open).status()).isEqualTo(Job.Status.OPEN);
  }

  private static Job withSpec(Job j, TrainSpec spec) {
    return new Job(
        j.id(),
        j.spender(),
        spec,
        j.priceMicro(),
        j.maxMicro(),
        j.created(),
        j.status(),
        j.lease(),
        j.completion(),
        j.check(),
        j.history(),
        j.settlement());
  }
}
