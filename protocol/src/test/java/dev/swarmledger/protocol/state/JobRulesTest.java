package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.JobScene.GPU;
import static dev.swarmledger.protocol.state.JobScene.PRICE;
import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.exactKeeping;
import static dev.swarmledger.protocol.state.SwarmLog.inferred;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static dev.swarmledger.protocol.state.SwarmLog.weights;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.JobPolicy;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobSettlement;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.jobs.WorkerRevoke;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultRules;
import dev.swarmledger.protocol.results.RunSummary;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The jobs market from an attacker's side: creating jobs one cannot pay for or on models nobody
 * reproduced, leasing what is not one's to lease, completing what one does not hold, cancelling
 * what a worker holds, and the settlement arithmetic. Every refusal carries its stable code and
 * leaves the state root unchanged ({@link SwarmLog#refuse}).
 */
class JobRulesTest {
  private static final long FLOPS = 40_000_000_000L; // 80 micro-credits at PRICE

  private final JobScene s = new JobScene();
  private final SwarmLog log = s.log;

  // ---- job.create ----

  @Test
  void aJobTheSpenderCannotAffordIsRefusedAndEscrowsNothing() {
    s.refused(s.bob, SwarmLog.inferJob(s.model, "x", 8, PRICE, 1), ErrorCode.INSUFFICIENT_CREDITS);
    long all = s.balance(s.alice);
    s.refused(
        s.alice,
        SwarmLog.inferJob(s.model, "x", 8, PRICE, all + 1),
        ErrorCode.INSUFFICIENT_CREDITS);
    assertThat(s.escrowed(s.alice)).isZero();
    assertThat(s.escrowed(s.bob)).isZero();
    assertThat(log.state.jobs()).isEmpty();

    long id = s.inferJob(all); // every last micro-credit can be escrowed
    assertThat(s.balance(s.alice)).isZero();
    assertThat(s.escrowed(s.alice)).isEqualTo(all);
    assertThat(log.job(id).status()).isEqualTo(Job.Status.OPEN);
    s.refused(
        s.alice, SwarmLog.inferJob(s.model, "y", 8, PRICE, 1), ErrorCode.INSUFFICIENT_CREDITS);
    s.conserved();
  }

  @Test
  void aTrainingBudgetAtItsPricePlusTheFeeMustFitInTheEscrow() {
    long budget = 1_000_000_000_000_000L; // 10^15 FLOPs
    long price = 1_000_000;
    long needed = 1_100_000; // one credit of pay and a 10% fee
    assertThat(
            JobSettlement.withFee(
                JobSettlement.cost(budget, price), s.policy.jobs().verifierFeePercent()))
        .isEqualTo(needed);
    String src = source("train");
    s.refused(
        s.alice, SwarmLog.trainJob(src, budget, price, needed - 1), ErrorCode.ESCROW_TOO_SMALL);
    assertThat(s.escrowed(s.alice)).isZero();
    long id = log.next();
    log.apply(s.alice, SwarmLog.trainJob(src, budget, price, needed));
    assertThat(log.job(id).maxMicro()).isEqualTo(needed);
    assertThat(s.escrowed(s.alice)).isEqualTo(needed);
    s.conserved();
  }

  @Test
  void aTrainingJobCannotLieAboutItsSource() {
    String src = source("train");
    var lying =
        new dev.swarmledger.protocol.jobs.JobCreate(
            new dev.swarmledger.protocol.jobs.TrainSpec(
                SwarmLog.TRACK,
                src,
                SwarmLog.sha("another source"),
                java.util.OptionalLong.empty(),
                7,
                1_000_000),
            PRICE,
            1_000);
    s.refused(s.alice, lying, ErrorCode.SOURCE_HASH_MISMATCH);
  }

  @Test
  void inferenceNeedsAModelThatAReRunOfItsOwnClassReproduced() {
    assertThat(log.result(s.model).publishedModel()).contains(weights("m"));

    // Verified, but no weights were ever published.
    RunSummary bare = run(3.2, 2_000_000_000_000L, "bare", CPU);
    long noWeights = verified("bare", bare, r -> SwarmLog.exact(r, bare));
    assertThat(log.result(noWeights).status()).isEqualTo(Result.Status.VERIFIED);
    s.refused(
        s.alice, SwarmLog.inferJob(noWeights, "x", 8, PRICE, 100), ErrorCode.MODEL_NOT_PUBLISHED);

    // Verified exactly, but every re-run kept another parameter file than the one submitted.
    RunSummary claimed = run(3.3, 2_000_000_000_000L, "other", CPU).withWeights(weights("claimed"));
    RunSummary kept = claimed.withWeights(weights("re-run"));
    long differ = verified("other", claimed, r -> exactKeeping(r, kept));
    assertThat(log.result(differ).status()).isEqualTo(Result.Status.VERIFIED);
    assertThat(log.result(differ).publishedModel()).isEmpty();
    s.refused(
        s.alice, SwarmLog.inferJob(differ, "x", 8, PRICE, 100), ErrorCode.MODEL_NOT_PUBLISHED);

    // Still pending: nothing reproduced yet.
    RunSummary waiting = run(3.4, 2_000_000_000_000L, "w", CPU).withWeights(weights("w"));
    long pending = log.next();
    log.apply(s.alice, SwarmLog.result(source("w"), waiting));
    s.refused(
        s.alice, SwarmLog.inferJob(pending, "x", 8, PRICE, 100), ErrorCode.MODEL_NOT_PUBLISHED);
    s.refused(s.alice, SwarmLog.inferJob(1_000_000, "x", 8, PRICE, 100), ErrorCode.UNKNOWN_RESULT);
    assertThat(log.state.jobs()).isEmpty();
  }

  @Test
  void anUnsampledResultPublishesNoModel() {
    // Trusted after one verified result, then one result in a hundred re-run.
    Policy p = Policy.defaults();
    Policy trusting =
        new Policy(
            p.claimTtlSeconds(),
            p.maxSourceBytes(),
            p.newBestBonusMicro(),
            p.initialReputation(),
            p.mismatchPenalty(),
            1,
            1,
            p.claimSimilarityPermille(),
            p.leaseSeconds(),
            p.challengeWindowSeconds(),
            p.agreementReward(),
            p.maxReputation(),
            p.silencePenalty());
    JobScene t = new JobScene(trusting);
    long unsampled = -1;
    for (int i = 0; i < 20 && unsampled < 0; i++) {
      RunSummary r = run(3.5, 2_000_000_000_000L, "u" + i, CPU).withWeights(weights("u" + i));
      long id = t.log.next();
      t.log.apply(t.alice, SwarmLog.result(source("u" + i), r));
      if (!t.log.result(id).sampled()) {
        unsampled = id;
      }
    }
    assertThat(unsampled).as("an unsampled result among twenty").isNotNegative();
    assertThat(t.log.result(unsampled).publishedModel()).isEmpty();
    t.refused(
        t.alice, SwarmLog.inferJob(unsampled, "x", 8, PRICE, 100), ErrorCode.MODEL_NOT_PUBLISHED);
  }

  /** Submits a result of alice's and has every verifier it waits for attest {@code att}. */
  private long verified(String tag, RunSummary run, Function<Long, AttestationSubmit> att) {
    long id = log.next();
    log.apply(s.alice, SwarmLog.result(source(tag), run));
    for (int i = 0; i < 5 && log.result(id).status() == Result.Status.PENDING; i++) {
      PublicKey v = log.result(id).waitingFor().get(0);
      log.apply(s.key(v), att.apply(id));
    }
    return id;
  }

  // ---- job.lease ----

  @Test
  void onlyAWorkerOtherThanTheSpenderLeasesAnOpenJob() {
    long id = s.inferJob(1_000);
    s.refused(s.nobody, new JobLease(id), ErrorCode.NOT_WORKER);
    s.refused(s.v3, new JobLease(id), ErrorCode.NOT_WORKER); // a verifier is not a worker
    log.apply(log.operator, new WorkerGrant(s.alice.publicKey(), CPU));
    s.refused(s.alice, new JobLease(id), ErrorCode.SELF_DEALING);
    s.refused(s.w1, new JobLease(id + 1_000), ErrorCode.UNKNOWN_JOB);

    log.apply(s.w1, new JobLease(id));
    assertThat(log.job(id).lease().orElseThrow().account()).isEqualTo(s.w1.publicKey());
    s.refused(s.w2, new JobLease(id), ErrorCode.JOB_NOT_OPEN);
    s.refused(s.w1, new JobLease(id), ErrorCode.JOB_NOT_OPEN); // not twice either
    s.conserved();
  }

  @Test
  void anEndedJobIsNeverLeased() {
    long cancelled = s.inferJob(1_000);
    log.apply(s.alice, new JobCancel(cancelled));
    s.refused(s.w1, new JobLease(cancelled), ErrorCode.JOB_NOT_OPEN);

    long settled = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, settled, "out", FLOPS);
    s.verdict(settled, true);
    assertThat(log.job(settled).status()).isEqualTo(Job.Status.SETTLED);
    s.refused(s.w2, new JobLease(settled), ErrorCode.JOB_NOT_OPEN);
    s.refused(s.w1, new JobLease(settled), ErrorCode.JOB_NOT_OPEN);

    long verifying = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, verifying, "out2", FLOPS);
    assertThat(log.job(verifying).status()).isEqualTo(Job.Status.VERIFYING);
    s.refused(s.w2, new JobLease(verifying), ErrorCode.JOB_NOT_OPEN);
    s.conserved();
  }

  // ---- job.complete ----

  @Test
  void onlyTheLeaseHolderCompletesAndOnlyBeforeItsDeadline() {
    long id = s.inferJob(1_000);
    s.refused(s.w1, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED); // open: nobody's
    log.apply(s.w1, new JobLease(id));
    s.refused(s.w2, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED);
    s.refused(s.alice, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED);
    s.refused(s.v1, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED);

    s.pastLease();
    // No leaf since the deadline: the lease is still recorded, but it is over.
    s.refused(s.w1, inferred(id, "out", FLOPS), ErrorCode.LEASE_EXPIRED);
    s.anyLeaf();
    assertThat(log.job(id).status()).isEqualTo(Job.Status.OPEN);
    s.refused(s.w1, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED);
    assertThat(s.balance(s.w1)).isZero();
    s.conserved();
  }

  @Test
  void aCompletionStatesTheGrantedHardwareClassAndTheJobsKind() {
    long id = s.inferJob(1_000);
    log.apply(s.gpuWorker, new JobLease(id));
    s.refused(s.gpuWorker, inferred(id, "out", FLOPS), ErrorCode.WRONG_HARDWARE_CLASS);
    // A training output for an inference job.
    RunSummary r = run(3.0, FLOPS, "t", GPU).withWeights(weights("t"));
    s.refused(
        s.gpuWorker,
        new JobComplete(id, GPU, new JobOutput.Trained(r)),
        ErrorCode.INVALID_ARGUMENT);
    // No FLOPs, nothing to be paid for.
    s.refused(
        s.gpuWorker,
        new JobComplete(id, GPU, new JobOutput.Inferred(Hash.sha256(new byte[] {1}), 0, 0.1)),
        ErrorCode.INVALID_ARGUMENT);
    log.apply(
        s.gpuWorker,
        new JobComplete(id, GPU, new JobOutput.Inferred(Hash.sha256(new byte[] {1}), FLOPS, 0.1)));
    assertThat(log.job(id).status()).isEqualTo(Job.Status.VERIFYING);
    // No GPU verifier: the completion waits, still escrowed.
    assertThat(log.job(id).check()).isEmpty();
    assertThat(s.escrowed(s.alice)).isEqualTo(1_000);
    s.conserved();
  }

  @Test
  void aTrainingCompletionCountsNoMoreThanTheJobsBudgetOnTheRunsOwnClass() {
    String src = source("train");
    long budget = 1_000_000_000_000L;
    long id = log.next();
    log.apply(s.alice, SwarmLog.trainJob(src, budget, PRICE, 10_000));
    log.apply(s.w1, new JobLease(id));
    s.refused(s.w1, inferred(id, "out", budget), ErrorCode.INVALID_ARGUMENT); // wrong kind
    RunSummary over = run(3.0, budget + 1, "t", CPU).withWeights(weights("t"));
    s.refused(s.w1, new JobComplete(id, CPU, new JobOutput.Trained(over)), ErrorCode.OVER_BUDGET);
    RunSummary elsewhere = run(3.0, budget, "t", GPU).withWeights(weights("t"));
    s.refused(
        s.w1,
        new JobComplete(id, CPU, new JobOutput.Trained(elsewhere)),
        ErrorCode.WRONG_HARDWARE_CLASS);
    RunSummary exact = run(3.0, budget, "t", CPU).withWeights(weights("t"));
    log.apply(s.w1, new JobComplete(id, CPU, new JobOutput.Trained(exact)));
    assertThat(log.job(id).status()).isEqualTo(Job.Status.VERIFYING);
    s.conserved();
  }

  // ---- job.cancel ----

  @Test
  void onlyTheSpenderCancelsAndOnlyWhatNoWorkerHolds() {
    long id = s.inferJob(1_000);
    s.refused(s.bob, new JobCancel(id), ErrorCode.NOT_SPENDER);
    s.refused(s.w1, new JobCancel(id), ErrorCode.NOT_SPENDER);
    log.apply(s.w1, new JobLease(id));
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN);
    log.apply(s.w1, inferred(id, "out", FLOPS));
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN); // verifying
    s.verdict(id, true);
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN); // settled
    s.refused(s.alice, new JobCancel(id + 1_000), ErrorCode.UNKNOWN_JOB);
    s.conserved();
  }

  @Test
  void aCancelRacingALeaseLosesWhenLoggedSecond() {
    long before = s.balance(s.alice);
    long id = s.inferJob(1_000);
    log.apply(s.w1, new JobLease(id));
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN);
    assertThat(log.job(id).status()).isEqualTo(Job.Status.RUNNING);
    assertThat(s.balance(s.alice)).isEqualTo(before - 1_000);
    assertThat(s.escrowed(s.alice)).isEqualTo(1_000);
    s.conserved();
  }

  @Test
  void aLeaseRacingACancelLosesWhenLoggedSecond() {
    long before = s.balance(s.alice);
    long id = s.inferJob(1_000);
    log.apply(s.alice, new JobCancel(id));
    s.refused(s.w1, new JobLease(id), ErrorCode.JOB_NOT_OPEN);
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN); // not refunded twice
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.CANCELLED);
    assertThat(j.settlement().orElseThrow().refundMicro()).isEqualTo(1_000);
    assertThat(s.balance(s.alice)).isEqualTo(before);
    assertThat(s.escrowed(s.alice)).isZero();
    s.conserved();
  }

  @Test
  void aJobWhoseLeaseLapsedCanBeCancelledAtOnceAndTheSilentWorkerPays() {
    long before = s.balance(s.alice);
    long rep = s.reputation(s.w1);
    long id = s.inferJob(1_000);
    log.apply(s.w1, new JobLease(id));
    s.pastLease();
    log.apply(s.alice, new JobCancel(id)); // the very next leaf: no tick has freed it yet
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.CANCELLED);
    assertThat(j.history())
        .extracting(Job.Event::kind, Job.Event::account)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Job.EventKind.LEASE_EXPIRED, s.w1.publicKey()));
    assertThat(s.reputation(s.w1)).isEqualTo(rep - s.policy.silencePenalty());
    assertThat(s.balance(s.alice)).isEqualTo(before);
    assertThat(s.balance(s.w1)).isZero();
    s.refused(s.w1, inferred(id, "late", FLOPS), ErrorCode.NOT_ASSIGNED);
    s.conserved();
  }

  // ---- settlement arithmetic ----

  @Test
  void payIsTheCountedFlopsAtThePriceRoundedDownWithTheFeeOnTopAndTheRestRefunded() {
    long before = s.balance(s.alice);
    long id = s.inferJob(1_000);
    long flops = 42_499_999_999L; // 84.999999998 micro-credits: pay 84, fee 8 (8.4)
    s.leaseAndComplete(s.w1, id, "out", flops);
    SigningKey checker = s.checker(id);
    long checkerBefore = s.balance(checker);
    s.verdict(id, true);
    Job.Settlement paid = log.job(id).settlement().orElseThrow();
    assertThat(paid.paidMicro()).isEqualTo(84);
    assertThat(paid.feeMicro()).isEqualTo(8);
    assertThat(paid.refundMicro()).isEqualTo(1_000 - 84 - 8);
    assertThat(paid.flops()).isEqualTo(flops);
    assertThat(paid.worker()).contains(s.w1.publicKey());
    assertThat(paid.verifier()).contains(checker.publicKey());
    assertThat(s.balance(s.w1)).isEqualTo(84);
    assertThat(s.balance(checker)).isEqualTo(checkerBefore + 8);
    assertThat(s.balance(s.alice)).isEqualTo(before - 92);
    assertThat(s.escrowed(s.alice)).isZero();
    s.conserved();
  }

  @Test
  void payIsCappedAtTheEscrowAndTheFeeAtWhatIsLeft() {
    // An inference job has no budget: FLOPs worth more than the escrow are paid the escrow.
    long capped = s.inferJob(100);
    s.leaseAndComplete(s.w1, capped, "big", 1_000_000_000_000L); // 2,000 micro-credits of work
    s.verdict(capped, true);
    Job.Settlement a = log.job(capped).settlement().orElseThrow();
    assertThat(a.paidMicro()).isEqualTo(100);
    assertThat(a.feeMicro()).isZero();
    assertThat(a.refundMicro()).isZero();

    // Pay 80 of 85: the 8 of fee becomes the 5 left.
    long tight = s.inferJob(85);
    s.leaseAndComplete(s.w2, tight, "tight", FLOPS);
    s.verdict(tight, true);
    Job.Settlement b = log.job(tight).settlement().orElseThrow();
    assertThat(b.paidMicro()).isEqualTo(80);
    assertThat(b.feeMicro()).isEqualTo(5);
    assertThat(b.refundMicro()).isZero();
    assertThat(s.balance(s.w2)).isEqualTo(80);
    s.conserved();

    assertThat(JobSettlement.cost(FLOPS, PRICE)).isEqualTo(80);
    assertThat(JobSettlement.cost(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(JobSettlement.fee(80, 10, 1_000)).isEqualTo(8);
    assertThat(JobSettlement.fee(80, 10, 3)).isEqualTo(3);
    assertThat(JobSettlement.fee(9, 10, 1_000)).isZero(); // 0.9 rounds down
  }

  @Test
  void anUntrustedWorkerIsAlwaysReRunAndATrustedOneAtTheSampleRate() {
    long streak = s.policy.trustedStreak();
    for (int i = 0; i < streak; i++) {
      long id = s.inferJob(1_000);
      s.leaseAndComplete(s.w1, id, "o" + i, FLOPS);
      assertThat(log.job(id).completion().orElseThrow().sampled()).isTrue();
      s.verdict(id, true);
    }
    assertThat(log.account(s.w1).jobsAgreed()).isEqualTo(streak);
    int unsampled = 0;
    int sampled = 0;
    for (int i = 0; i < 30; i++) {
      Account w = log.account(s.w1);
      long percent = expectedPercent(w);
      long before = s.balance(s.alice);
      long id = s.inferJob(1_000);
      s.leaseAndComplete(s.w1, id, "t" + i, FLOPS);
      Job.Completion c = log.job(id).completion().orElseThrow();
      assertThat(c.sampled()).isEqualTo(ResultRules.drawn(c.leafHash(), percent));
      if (c.sampled()) {
        sampled++;
        assertThat(log.job(id).status()).isEqualTo(Job.Status.VERIFYING);
        s.verdict(id, true);
        assertThat(log.job(id).settlement().orElseThrow().feeMicro()).isEqualTo(8);
      } else {
        unsampled++;
        // Settled by the completion itself: no verifier, no fee, the streak unchanged.
        Job j = log.job(id);
        assertThat(j.status()).isEqualTo(Job.Status.SETTLED);
        assertThat(j.check()).isEmpty();
        Job.Settlement paid = j.settlement().orElseThrow();
        assertThat(paid.verifier()).isEmpty();
        assertThat(paid.feeMicro()).isZero();
        assertThat(paid.paidMicro()).isEqualTo(80);
        assertThat(paid.refundMicro()).isEqualTo(920);
        assertThat(s.balance(s.alice)).isEqualTo(before - 80);
        assertThat(log.account(s.w1).jobsAgreed()).isEqualTo(w.jobsAgreed());
      }
      s.conserved();
    }
    assertThat(unsampled).isPositive();
    assertThat(sampled + unsampled).isEqualTo(30);
  }

  @Test
  void aSamplePercentOfAHundredReRunsEveryTrustedJob() {
    JobScene all = new JobScene(Policy.defaults().withJobs(new JobPolicy(100, 10, 3)));
    for (int i = 0; i < all.policy.trustedStreak() + 10; i++) {
      long id = all.inferJob(1_000);
      all.leaseAndComplete(all.w1, id, "o" + i, FLOPS);
      assertThat(all.log.job(id).completion().orElseThrow().sampled()).isTrue();
      all.verdict(id, true);
    }
    assertThat(all.log.account(all.w1).jobsAgreed()).isGreaterThan(all.policy.trustedStreak());
    all.conserved();
  }

  /** The policy's rate at the starting reputation, more as reputation falls, at most 100. */
  private long expectedPercent(Account w) {
    long base = s.policy.jobs().samplePercent();
    long scaled = base * s.policy.initialReputation() / Math.max(1, w.reputation());
    return Math.min(100, Math.max(base, scaled));
  }

  // ---- worker.grant / worker.revoke ----

  @Test
  void onlyTheOperatorGrantsAndRevokesWorkers() {
    s.refused(s.alice, new WorkerGrant(s.alice.publicKey(), CPU), ErrorCode.NOT_OPERATOR);
    s.refused(s.w1, new WorkerGrant(s.bob.publicKey(), CPU), ErrorCode.NOT_OPERATOR);
    s.refused(s.w1, new WorkerRevoke(s.w2.publicKey()), ErrorCode.NOT_OPERATOR);
    s.refused(s.w1, new WorkerGrant(s.w1.publicKey(), GPU), ErrorCode.NOT_OPERATOR);
    s.refused(log.operator, new WorkerRevoke(s.nobody.publicKey()), ErrorCode.NOT_WORKER);
    assertThat(log.account(s.alice).isWorker()).isFalse();
    assertThat(log.account(s.w1).workerClass()).contains(CPU);
  }

  @Test
  void revokingAWorkerReOffersItsRunningJobAtNoAttempt() {
    long id = s.inferJob(1_000);
    long rep = s.reputation(s.w1);
    log.apply(s.w1, new JobLease(id));
    log.apply(log.operator, new WorkerRevoke(s.w1.publicKey()));
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.OPEN);
    assertThat(j.lease()).isEmpty();
    assertThat(j.attempts()).isZero();
    assertThat(j.history()).isEmpty();
    assertThat(s.reputation(s.w1)).isEqualTo(rep);
    assertThat(log.state.activeJobs()).isEmpty();
    s.refused(s.w1, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED);
    s.refused(s.w1, new JobLease(id), ErrorCode.NOT_WORKER);
    s.leaseAndComplete(s.w2, id, "out", FLOPS);
    s.verdict(id, true);
    assertThat(log.job(id).settlement().orElseThrow().worker()).contains(s.w2.publicKey());
    assertThat(s.balance(s.w1)).isZero();
    s.conserved();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWorkerWithNoReputationLeftCannotLease() {
    // Penalties that take a worker's whole reputation in one silent lease.
    Policy harsh =
        new Policy(900, 256 * 1024, 5_000_000, 100, 10, 5, 25, 800, 1800, 86_400, 1, 200, 100);
    JobScene h = new JobScene(harsh);
    long first = h.inferJob(1_000);
    h.log.apply(h.w1, new JobLease(first));
    h.pastLease();
    long second = h.inferJob(1_000); // the leaf after the deadline: the lease lapses
    assertThat(h.reputation(h.w1)).isZero();
    h.refused(h.w1, new JobLease(second), ErrorCode.NOT_WORKER);
    h.refused(h.w1, new JobLease(first), ErrorCode.NOT_WORKER);
    h.log.apply(h.w2, new JobLease(second));
    h.conserved();
  }
}
