package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.JobScene.GPU;
import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.exactKeeping;
import static dev.swarmledger.protocol.state.SwarmLog.inferred;
import static dev.swarmledger.protocol.state.SwarmLog.jobVerdict;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static dev.swarmledger.protocol.state.SwarmLog.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the checking and paying of jobs: attestations by the wrong account or with a verdict
 * the outputs contradict, workers that go silent or make their outputs up, verifiers that go
 * silent, and who may upload which blob. Every refusal carries its stable code and changes nothing.
 */
class JobAttacksTest {
  private static final long FLOPS = 40_000_000_000L; // 80 micro-credits at JobScene.PRICE

  private final JobScene s = new JobScene();
  private final SwarmLog log = s.log;

  private static Hash h(String tag) {
    return Hash.sha256(tag.getBytes(StandardCharsets.UTF_8));
  }

  private List<SigningKey> cpuVerifiers() {
    return List.of(s.v1, s.v2, s.v3);
  }

  private SigningKey notChecker(long job) {
    PublicKey c = log.job(job).check().orElseThrow().account();
    return cpuVerifiers().stream().filter(v -> !v.publicKey().equals(c)).findFirst().orElseThrow();
  }

  // ---- job.attest ----

  @Test
  void onlyTheAssignedVerifierAttestsNeverTheWorkerOrTheSpender() {
    // The spender and the worker hold the verifier role too: still never assigned.
    long fromV1 = log.next();
    log.apply(s.v1, SwarmLog.inferJob(s.model, "v1 asks", 8, JobScene.PRICE, 1_000));
    log.apply(log.operator, new VerifierGrant(s.w1.publicKey(), CPU));
    s.leaseAndComplete(s.w1, fromV1, "out", FLOPS);
    PublicKey checker = log.job(fromV1).check().orElseThrow().account();
    assertThat(checker).isNotIn(s.v1.publicKey(), s.w1.publicKey());

    JobAttest honest = jobVerdict(fromV1, JobVerdict.EXACT, "out", FLOPS);
    s.refused(s.v1, honest, ErrorCode.NOT_ASSIGNED); // the spender
    s.refused(s.w1, honest, ErrorCode.NOT_ASSIGNED); // the worker
    s.refused(notChecker(fromV1), honest, ErrorCode.NOT_ASSIGNED);
    s.refused(s.w2, honest, ErrorCode.NOT_VERIFIER);
    s.refused(s.alice, honest, ErrorCode.NOT_VERIFIER);
    s.refused(
        s.key(checker),
        jobVerdict(fromV1 + 1_000, JobVerdict.EXACT, "out", FLOPS),
        ErrorCode.UNKNOWN_JOB);
    assertThat(log.job(fromV1).status()).isEqualTo(Job.Status.VERIFYING);
    assertThat(s.balance(s.w1)).isZero();

    // An open or running job has no check to attest.
    long open = s.inferJob(1_000);
    s.refused(
        s.key(checker), jobVerdict(open, JobVerdict.EXACT, "x", FLOPS), ErrorCode.NOT_ASSIGNED);
    log.apply(s.w2, new JobLease(open));
    s.refused(
        s.key(checker), jobVerdict(open, JobVerdict.EXACT, "x", FLOPS), ErrorCode.NOT_ASSIGNED);

    log.apply(s.key(checker), honest);
    assertThat(log.job(fromV1).status()).isEqualTo(Job.Status.SETTLED);
    // Settled: the same attestation is not paid twice.
    s.refused(s.key(checker), honest, ErrorCode.NOT_ASSIGNED);
    s.conserved();
  }

  @Test
  void aVerdictTheOutputsContradictIsRefused() {
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "out", FLOPS);
    SigningKey checker = s.checker(id);
    // Claims exact, but its own re-run says something else.
    s.refused(
        checker, jobVerdict(id, JobVerdict.EXACT, "other", FLOPS), ErrorCode.INCONSISTENT_VERDICT);
    s.refused(
        checker,
        jobVerdict(id, JobVerdict.EXACT, "out", FLOPS + 1),
        ErrorCode.INCONSISTENT_VERDICT);
    // Claims mismatch, but the outputs agree: a lazy or hostile verifier framing the worker.
    s.refused(
        checker, jobVerdict(id, JobVerdict.MISMATCH, "out", FLOPS), ErrorCode.INCONSISTENT_VERDICT);
    // The wrong kind of output, no output, another class.
    RunSummary r = run(3.0, FLOPS, "t", CPU).withWeights(weights("t"));
    s.refused(
        checker,
        new JobAttest(
            id, JobVerdict.EXACT, CPU, Optional.of(new JobOutput.Trained(r)), Optional.empty()),
        ErrorCode.INVALID_ARGUMENT);
    s.refused(
        checker,
        new JobAttest(id, JobVerdict.EXACT, CPU, Optional.empty(), Optional.empty()),
        ErrorCode.INVALID_ARGUMENT);
    s.refused(
        checker,
        new JobAttest(
            id,
            JobVerdict.EXACT,
            GPU,
            Optional.of(new JobOutput.Inferred(h("out"), FLOPS, 1)),
            Optional.empty()),
        ErrorCode.WRONG_HARDWARE_CLASS);
    s.refused(
        checker,
        new JobAttest(id, JobVerdict.FAILED, CPU, Optional.empty(), Optional.empty()),
        ErrorCode.INVALID_ARGUMENT);
    assertThat(log.job(id).status()).isEqualTo(Job.Status.VERIFYING);
    assertThat(s.balance(s.w1)).isZero();
    s.conserved();
  }

  @Test
  void aVerifierPastItsDeadlineIsRefusedThenReplacedAndPays() {
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "out", FLOPS);
    SigningKey late = s.checker(id);
    long rep = s.reputation(late);
    long balance = s.balance(late);
    s.pastLease();
    JobAttest exact = jobVerdict(id, JobVerdict.EXACT, "out", FLOPS);
    s.refused(late, exact, ErrorCode.LEASE_EXPIRED);
    s.anyLeaf();
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.VERIFYING);
    assertThat(j.history())
        .extracting(Job.Event::kind, Job.Event::account)
        .containsExactly(tuple(Job.EventKind.CHECK_EXPIRED, late.publicKey()));
    assertThat(j.attempts()).isZero(); // the worker did its part
    assertThat(s.reputation(late)).isEqualTo(rep - s.policy.silencePenalty());
    SigningKey next = s.checker(id);
    assertThat(next).isNotEqualTo(late);
    s.refused(late, exact, ErrorCode.NOT_ASSIGNED);
    log.apply(next, exact);
    assertThat(log.job(id).settlement().orElseThrow().verifier()).contains(next.publicKey());
    assertThat(s.balance(late)).isEqualTo(balance);
    assertThat(s.balance(s.w1)).isEqualTo(80);
    s.conserved();
  }

  @Test
  void aCompletionNobodyCanCheckForALeaseTimeMayBeCancelledWithTheWholeEscrowBack() {
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "out", FLOPS);
    for (int i = 0; i < 3; i++) {
      log.apply(
          s.checker(id),
          new JobAttest(id, JobVerdict.FAILED, CPU, Optional.empty(), Optional.of("no memory")));
    }
    assertThat(log.job(id).check()).isEmpty();
    long before = s.balance(s.alice);
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN); // not waited long enough
    s.pastLease();
    s.refused(s.w2, new JobCancel(id), ErrorCode.NOT_SPENDER);
    log.apply(s.alice, new JobCancel(id));
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.CANCELLED);
    assertThat(j.settlement().orElseThrow().refundMicro()).isEqualTo(1_000);
    assertThat(s.balance(s.alice)).isEqualTo(before + 1_000);
    assertThat(s.balance(s.w1)).isZero();
    s.conserved();
  }

  @Test
  void aVerifierThatCannotReRunIsReplacedAndNeverAssignedAgain() {
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "out", FLOPS);
    SigningKey first = s.checker(id);
    log.apply(
        first,
        new JobAttest(id, JobVerdict.FAILED, CPU, Optional.empty(), Optional.of("out of memory")));
    SigningKey second = s.checker(id);
    assertThat(second).isNotEqualTo(first);
    s.refused(first, jobVerdict(id, JobVerdict.EXACT, "out", FLOPS), ErrorCode.NOT_ASSIGNED);
    log.apply(
        second,
        new JobAttest(id, JobVerdict.FAILED, CPU, Optional.empty(), Optional.of("disk full")));
    SigningKey third = s.checker(id);
    assertThat(third).isNotIn(first, second);
    log.apply(
        third, new JobAttest(id, JobVerdict.FAILED, CPU, Optional.empty(), Optional.of("gave up")));
    // Nobody of the class is left: the completion waits, the escrow stays, nobody is paid.
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.VERIFYING);
    assertThat(j.check()).isEmpty();
    assertThat(j.attempts()).isZero();
    assertThat(s.escrowed(s.alice)).isEqualTo(1_000);
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN);
    // A new verifier of the class takes it at the next leaf.
    SigningKey fresh = log.verifier(30, "fresh", CPU);
    assertThat(log.job(id).check().orElseThrow().account()).isEqualTo(fresh.publicKey());
    log.apply(fresh, jobVerdict(id, JobVerdict.EXACT, "out", FLOPS));
    assertThat(log.job(id).status()).isEqualTo(Job.Status.SETTLED);
    s.conserved();
  }

  @Test
  void aRevokedVerifiersCheckGoesToAnother() {
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "out", FLOPS);
    SigningKey checker = s.checker(id);
    log.apply(log.operator, new VerifierRevoke(checker.publicKey()));
    s.refused(checker, jobVerdict(id, JobVerdict.EXACT, "out", FLOPS), ErrorCode.NOT_VERIFIER);
    SigningKey next = s.checker(id);
    assertThat(next).isNotEqualTo(checker);
    log.apply(next, jobVerdict(id, JobVerdict.EXACT, "out", FLOPS));
    assertThat(s.balance(s.w1)).isEqualTo(80);
    s.conserved();
  }

  // ---- a worker killed mid-job ----

  @Test
  void aSilentWorkersLeaseExpiresTheJobIsReOfferedAndTheNextWorkerIsPaidOnce() {
    long before = s.balance(s.alice);
    long rep = s.reputation(s.w1);
    long id = s.inferJob(1_000);
    log.apply(s.w1, new JobLease(id));
    s.pastLease();
    long tick = log.next();
    List<StateEvent> events = s.anyLeaf(); // any leaf at all frees it
    assertThat(events)
        .extracting(e -> e.kind().wireName())
        .contains("job.expired", "reputation.lowered", "job.reopened");
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.OPEN);
    assertThat(j.lease()).isEmpty();
    assertThat(j.attempts()).isEqualTo(1);
    assertThat(j.history())
        .extracting(Job.Event::index, Job.Event::kind, Job.Event::account)
        .containsExactly(tuple(tick, Job.EventKind.LEASE_EXPIRED, s.w1.publicKey()));
    assertThat(s.reputation(s.w1)).isEqualTo(rep - s.policy.silencePenalty());
    assertThat(s.balance(s.w1)).isZero();
    assertThat(s.escrowed(s.alice)).isEqualTo(1_000);
    assertThat(log.state.activeJobs()).isEmpty();
    s.refused(s.w1, inferred(id, "late", FLOPS), ErrorCode.NOT_ASSIGNED); // the dead come back

    s.leaseAndComplete(s.w2, id, "out", FLOPS);
    SigningKey checker = s.checker(id);
    JobAttest exact = jobVerdict(id, JobVerdict.EXACT, "out", FLOPS);
    log.apply(checker, exact);
    assertThat(s.balance(s.w2)).isEqualTo(80);
    assertThat(s.balance(s.alice)).isEqualTo(before - 88);
    assertThat(s.escrowed(s.alice)).isZero();
    // Paid exactly once: nothing more is accepted on the settled job.
    s.refused(checker, exact, ErrorCode.NOT_ASSIGNED);
    s.refused(s.w2, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED);
    s.refused(s.w1, new JobLease(id), ErrorCode.JOB_NOT_OPEN);
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN);
    s.pastLease();
    s.anyLeaf();
    assertThat(s.balance(s.w2)).isEqualTo(80);
    assertThat(s.balance(s.w1)).isZero();
    assertThat(s.balance(s.alice)).isEqualTo(before - 88);
    assertThat(
            log.state.jobs().values().stream()
                .filter(x -> x.id() == id)
                .map(x -> x.settlement().orElseThrow().paidMicro()))
        .containsExactly(80L);
    s.conserved();
  }

  @Test
  void aLapsedLeaseIsReleasedByTheNextLeaseItself() {
    long rep = s.reputation(s.w1);
    long id = s.inferJob(1_000);
    log.apply(s.w1, new JobLease(id));
    s.pastLease();
    long lease = log.next();
    List<StateEvent> events = log.apply(s.w2, new JobLease(id)); // no other leaf in between
    assertThat(events)
        .extracting(e -> e.kind().wireName())
        .containsSubsequence("job.expired", "job.leased");
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.RUNNING);
    assertThat(j.lease().orElseThrow().account()).isEqualTo(s.w2.publicKey());
    assertThat(j.lease().orElseThrow().deadline())
        .isEqualTo(s.log.leaves.get((int) lease).time().plusSeconds(s.policy.leaseSeconds()));
    assertThat(j.history())
        .extracting(Job.Event::index, Job.Event::kind, Job.Event::account)
        .containsExactly(tuple(lease, Job.EventKind.LEASE_EXPIRED, s.w1.publicKey()));
    assertThat(j.attempts()).isEqualTo(1);
    assertThat(s.reputation(s.w1)).isEqualTo(rep - s.policy.silencePenalty());
    s.refused(s.w1, inferred(id, "late", FLOPS), ErrorCode.NOT_ASSIGNED);
    log.apply(s.w2, inferred(id, "out", FLOPS));
    s.verdict(id, true);
    assertThat(s.balance(s.w2)).isEqualTo(80);
    assertThat(s.balance(s.w1)).isZero();
    s.conserved();
  }

  // ---- a worker caught by a mismatch ----

  @Test
  void aCaughtWorkerIsNotPaidLosesReputationAndItsStreakAndNeverGetsTheJobBack() {
    long warmUp = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, warmUp, "fine", FLOPS);
    s.verdict(warmUp, true);
    assertThat(log.account(s.w1).jobsAgreed()).isEqualTo(1);
    long paid = s.balance(s.w1);
    long rep = s.reputation(s.w1);

    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "made up", FLOPS);
    SigningKey checker = s.checker(id);
    long checkerRep = s.reputation(checker);
    long checkerBalance = s.balance(checker);
    List<StateEvent> events =
        log.apply(checker, jobVerdict(id, JobVerdict.MISMATCH, "honest", FLOPS));
    assertThat(events)
        .extracting(e -> e.kind().wireName())
        .contains("job.attested", "reputation.lowered", "job.reopened")
        .doesNotContain("job.settled");
    assertThat(s.balance(s.w1)).isEqualTo(paid);
    assertThat(s.reputation(s.w1)).isEqualTo(rep - s.policy.mismatchPenalty());
    assertThat(log.account(s.w1).jobsAgreed()).isZero();
    assertThat(s.reputation(checker))
        .isEqualTo(Math.min(s.policy.maxReputation(), checkerRep + s.policy.agreementReward()));
    assertThat(s.balance(checker)).isEqualTo(checkerBalance); // a fee comes only from a payout
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.OPEN);
    assertThat(j.completion()).isEmpty();
    assertThat(j.check()).isEmpty();
    assertThat(j.attempts()).isEqualTo(1);
    assertThat(j.history())
        .extracting(Job.Event::kind, Job.Event::account)
        .containsExactly(tuple(Job.EventKind.MISMATCH, s.w1.publicKey()));
    assertThat(s.escrowed(s.alice)).isEqualTo(1_000);
    s.refused(s.w1, new JobLease(id), ErrorCode.JOB_NOT_OPEN);
    s.refused(
        checker, jobVerdict(id, JobVerdict.MISMATCH, "honest", FLOPS), ErrorCode.NOT_ASSIGNED);
    s.conserved();

    // The next worker is honest and paid.
    s.leaseAndComplete(s.w2, id, "honest", FLOPS);
    s.verdict(id, true);
    assertThat(s.balance(s.w2)).isEqualTo(80);
    assertThat(s.balance(s.w1)).isEqualTo(paid);
    s.conserved();
  }

  @Test
  void aCaughtWorkerThatIsAlsoAVerifierNeverChecksThatJob() {
    log.apply(log.operator, new VerifierGrant(s.w1.publicKey(), CPU));
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "made up", FLOPS);
    s.verdict(id, false);
    // Every other verifier of the class leaves: the caught worker is the only one left.
    for (SigningKey v : cpuVerifiers()) {
      log.apply(log.operator, new VerifierRevoke(v.publicKey()));
    }
    s.leaseAndComplete(s.w2, id, "honest", FLOPS);
    assertThat(log.job(id).status()).isEqualTo(Job.Status.VERIFYING);
    assertThat(log.job(id).check()).isEmpty();
    s.refused(s.w1, jobVerdict(id, JobVerdict.EXACT, "honest", FLOPS), ErrorCode.NOT_ASSIGNED);
    s.conserved();
  }

  @Test
  void afterMaxAttemptsTheJobFailsAndTheWholeEscrowReturns() {
    assertThat(s.policy.jobs().maxAttempts()).isEqualTo(3);
    long before = s.balance(s.alice);
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "lie 1", FLOPS);
    s.verdict(id, false);
    s.leaseAndComplete(s.w2, id, "lie 2", FLOPS);
    s.verdict(id, false);
    assertThat(log.job(id).status()).isEqualTo(Job.Status.OPEN);
    s.leaseAndComplete(s.w3, id, "lie 3", FLOPS);
    List<StateEvent> events =
        log.apply(s.checker(id), jobVerdict(id, JobVerdict.MISMATCH, "honest", FLOPS));
    assertThat(events).extracting(e -> e.kind().wireName()).contains("job.failed");
    Job j = log.job(id);
    assertThat(j.status()).isEqualTo(Job.Status.FAILED);
    assertThat(j.attempts()).isEqualTo(3);
    Job.Settlement back = j.settlement().orElseThrow();
    assertThat(back.paidMicro()).isZero();
    assertThat(back.feeMicro()).isZero();
    assertThat(back.refundMicro()).isEqualTo(1_000);
    assertThat(s.balance(s.alice)).isEqualTo(before);
    assertThat(s.escrowed(s.alice)).isZero();
    for (SigningKey w : List.of(s.w1, s.w2, s.w3)) {
      assertThat(s.balance(w)).isZero();
    }
    s.refused(s.gpuWorker, new JobLease(id), ErrorCode.JOB_NOT_OPEN);
    s.refused(s.alice, new JobCancel(id), ErrorCode.JOB_NOT_OPEN);
    s.conserved();
  }

  @Test
  void aLapseOnTheLastAttemptFailsTheJobAtTheNextLeafNotAtALease() {
    long before = s.balance(s.alice);
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "lie 1", FLOPS);
    s.verdict(id, false);
    s.leaseAndComplete(s.w2, id, "lie 2", FLOPS);
    s.verdict(id, false);
    log.apply(s.w3, new JobLease(id));
    s.pastLease();
    // Its last attempt ran out: a lease is refused (nothing changes) ...
    s.refused(s.gpuWorker, new JobLease(id), ErrorCode.JOB_NOT_OPEN);
    assertThat(log.job(id).status()).isEqualTo(Job.Status.RUNNING);
    // ... and the next leaf ends it, the whole escrow back.
    s.anyLeaf();
    assertThat(log.job(id).status()).isEqualTo(Job.Status.FAILED);
    assertThat(s.balance(s.alice)).isEqualTo(before);
    assertThat(s.escrowed(s.alice)).isZero();
    s.conserved();
  }

  // ---- blobs ----

  @Test
  void aResultsWeightsAreUploadedByItsContributorAndTheVerifiersThatKeptTheSameFile() {
    assertThat(log.state.blobUploaders(weights("m")))
        .containsExactlyInAnyOrder(s.alice.publicKey(), s.v1.publicKey(), s.v2.publicKey());
    RunSummary claimed = run(3.3, 2_000_000_000_000L, "d", CPU).withWeights(weights("claimed"));
    RunSummary kept = claimed.withWeights(weights("kept"));
    long id = log.next();
    log.apply(s.alice, SwarmLog.result(source("d"), claimed));
    List<PublicKey> reRan = List.copyOf(log.result(id).waitingFor());
    for (PublicKey v : reRan) {
      if (log.result(id).status() == Result.Status.PENDING) {
        log.apply(s.key(v), exactKeeping(id, kept));
      }
    }
    assertThat(log.state.blobUploaders(weights("claimed"))).containsExactly(s.alice.publicKey());
    assertThat(log.state.blobUploaders(weights("kept")))
        .isNotEmpty()
        .doesNotContain(s.alice.publicKey())
        .isSubsetOf(reRan);
    assertThat(log.state.blobUploaders(h("nothing references this"))).isEmpty();
  }

  @Test
  void aJobsOutputIsUploadedByItsWorkerAndTheVerifierOnceItReproducedIt() {
    long id = s.inferJob(1_000);
    log.apply(s.w1, new JobLease(id));
    s.refused(s.w2, inferred(id, "out", FLOPS), ErrorCode.NOT_ASSIGNED);
    assertThat(log.state.blobUploaders(h("out"))).isEmpty();
    log.apply(s.w1, inferred(id, "out", FLOPS));
    assertThat(log.state.blobUploaders(h("out"))).containsExactly(s.w1.publicKey());
    SigningKey checker = s.checker(id);
    log.apply(checker, jobVerdict(id, JobVerdict.EXACT, "out", FLOPS));
    assertThat(log.state.blobUploaders(h("out")))
        .containsExactlyInAnyOrder(s.w1.publicKey(), checker.publicKey());
    assertThat(log.state.blobUploaders(h("out"))).doesNotContain(s.alice.publicKey());
  }

  @Test
  void aMismatchedWorkersBlobStaysReferencedAndTheVerifiersIsNot() {
    long id = s.inferJob(1_000);
    s.leaseAndComplete(s.w1, id, "made up", FLOPS);
    SigningKey checker = s.checker(id);
    log.apply(checker, jobVerdict(id, JobVerdict.MISMATCH, "honest", FLOPS));
    assertThat(log.job(id).completion()).isEmpty();
    assertThat(log.state.blobUploaders(h("made up"))).containsExactly(s.w1.publicKey());
    assertThat(log.state.blobUploaders(h("honest"))).isEmpty();
    // Still after the job fails, and after a replay.
    s.leaseAndComplete(s.w2, id, "lie", FLOPS);
    s.verdict(id, false);
    s.leaseAndComplete(s.w3, id, "lie 3", FLOPS);
    s.verdict(id, false);
    assertThat(log.job(id).status()).isEqualTo(Job.Status.FAILED);
    LedgerState replayed = log.replay();
    for (String tag : List.of("made up", "lie", "lie 3")) {
      assertThat(log.state.blobUploaders(h(tag))).hasSize(1);
      assertThat(replayed.blobUploaders(h(tag))).isEqualTo(log.state.blobUploaders(h(tag)));
    }
    assertThat(log.state.blobUploaders(h("lie"))).containsExactly(s.w2.publicKey());
  }
}
