package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.results.VerificationRules;
import dev.swarmledger.protocol.results.VerifierAssignment;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Re-running completed jobs and settling them. A sampled completion is assigned to one verifier of
 * the worker's own hardware class (greedy decoding, scoring and training are deterministic within a
 * class, so the comparison is exact), never the spender or the worker, chosen by the same weighted
 * rendezvous hashing as for results from the completion's leaf hash. Its {@code job.attest} settles
 * the job: an exact re-run pays the worker its counted FLOPs at the job's price, the verifier its
 * fee, and refunds the rest; a mismatch pays the worker nothing, costs it reputation and its
 * trusted streak, and offers the job again to others.
 */
public final class JobVerification {
  private JobVerification() {}

  public static void attest(Transition t, JobAttest body) {
    LedgerState state = t.state();
    Account verifier = state.requireAccount(t.sender());
    if (!verifier.isVerifier()) {
      throw new Rejection(
          ErrorCode.NOT_VERIFIER, "account " + verifier.id().hex() + " is not a verifier");
    }
    Job job = state.requireJob(body.job());
    Job.Holder check =
        job.check()
            .filter(c -> c.account().equals(t.sender()) && job.status() == Job.Status.VERIFYING)
            .orElseThrow(
                () ->
                    new Rejection(
                        ErrorCode.NOT_ASSIGNED,
                        "job " + job.id() + " is not assigned to " + t.sender().hex()));
    if (!t.time().isBefore(check.deadline())) {
      throw new Rejection(
          ErrorCode.LEASE_EXPIRED,
          "the check of job " + job.id() + " ended at " + LeafCodec.formatTime(check.deadline()));
    }
    String granted = verifier.verifierClass().orElseThrow();
    Job.Completion completion = job.completion().orElseThrow();
    if (!body.hardwareClass().equals(granted) || !granted.equals(completion.hardwareClass())) {
      throw new Rejection(
          ErrorCode.WRONG_HARDWARE_CLASS,
          "job "
              + job.id()
              + " ran on "
              + completion.hardwareClass()
              + "; the attestation says "
              + body.hardwareClass()
              + " and the verifier was granted "
              + granted);
    }
    if (body.verdict() == JobVerdict.FAILED) {
      if (body.reason().isEmpty()) {
        throw new Rejection(ErrorCode.INVALID_ARGUMENT, "failed needs a reason");
      }
      t.emit(StateEvent.jobAttested(t.index(), job.id(), t.sender(), body.verdict().wireName()));
      t.putJob(
          job.with(new Job.Event(t.index(), Job.EventKind.CHECK_FAILED, t.sender()))
              .checkedBy(Optional.empty()));
      assign(t, job.id());
      return;
    }
    JobOutput measured =
        body.measured()
            .orElseThrow(
                () ->
                    new Rejection(
                        ErrorCode.INVALID_ARGUMENT,
                        body.verdict().wireName() + " carries the re-run's output"));
    if (measured.kind() != job.kind()) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          "the measured output is not of a " + job.kind().wireName() + " job");
    }
    JobVerdict actual =
        completion.output().sameAs(measured) ? JobVerdict.EXACT : JobVerdict.MISMATCH;
    if (actual != body.verdict()) {
      throw new Rejection(
          ErrorCode.INCONSISTENT_VERDICT,
          "verdict "
              + body.verdict().wireName()
              + " contradicts the outputs, which say "
              + actual.wireName());
    }
    // All checks passed.
    t.emit(StateEvent.jobAttested(t.index(), job.id(), t.sender(), actual.wireName()));
    t.put(VerificationRules.raise(state, verifier));
    Account worker = state.requireAccount(completion.worker());
    if (actual == JobVerdict.EXACT) {
      t.put(VerificationRules.raise(state, worker.withJobsAgreed(worker.jobsAgreed() + 1)));
      settle(t, job, Optional.of(t.sender()));
    } else {
      t.put(VerificationRules.lower(state, worker.withJobsAgreed(0)));
      t.emit(
          StateEvent.reputationLowered(
              t.index(), worker.id(), "completion of job " + job.id() + " not reproduced"));
      JobRules.reopenOrFail(
          t, job.with(new Job.Event(t.index(), Job.EventKind.MISMATCH, worker.id())));
    }
  }

  /** Pays out a completed job ({@link JobSettlement#payOut}) and ends it as settled. */
  static void settle(Transition t, Job job, Optional<PublicKey> verifier) {
    Job.Settlement paid = JobSettlement.payOut(t, job, verifier);
    t.putJob(job.ended(Job.Status.SETTLED, paid));
    t.emit(
        StateEvent.jobSettled(
            t.index(),
            job.id(),
            paid.paidMicro(),
            paid.feeMicro(),
            paid.refundMicro(),
            verifier.isPresent()));
  }

  /**
   * Gives a completion waiting for a re-run to the first-ranked eligible verifier; when there is
   * none, the job waits (every later leaf tries again).
   */
  static void assign(Transition t, long jobId) {
    Job job = t.state().requireJob(jobId);
    if (job.status() != Job.Status.VERIFYING || job.check().isPresent()) {
      return;
    }
    Job.Completion c = job.completion().orElseThrow();
    Optional<Account> chosen =
        t.state().accounts().stream()
            .filter(Account::isVerifier)
            .filter(a -> a.reputation() > 0)
            .filter(a -> a.verifierClass().orElseThrow().equals(c.hardwareClass()))
            .filter(a -> !a.id().equals(job.spender()) && !a.id().equals(c.worker()))
            .filter(a -> !job.excludes(a.id()))
            .min(
                Comparator.<Account>comparingDouble(a -> VerifierAssignment.key(c.leafHash(), a))
                    .thenComparing(a -> a.id().hex()));
    if (chosen.isPresent()) {
      Instant deadline = t.time().plusSeconds(t.state().policy().leaseSeconds());
      t.putJob(job.checkedBy(Optional.of(new Job.Holder(chosen.get().id(), deadline))));
      t.emit(StateEvent.jobAssigned(t.index(), job.id(), chosen.get().id()));
    }
  }
}
