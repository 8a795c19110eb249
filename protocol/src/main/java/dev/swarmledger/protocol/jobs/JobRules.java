package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultRules;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code job.create}, {@code job.lease}, {@code job.complete} and {@code job.cancel}: the spending
 * side of the ledger. A job's whole maximum is escrowed when it is created and leaves escrow only
 * when it ends (settled, cancelled or failed), so credits are conserved at every leaf; verification
 * and payment are {@link JobVerification}'s.
 */
public final class JobRules {
  private JobRules() {}

  public static void create(Transition t, JobCreate body) {
    LedgerState state = t.state();
    Account spender = state.requireAccount(t.sender());
    if (body.spec() instanceof TrainSpec train) {
      checkTraining(state, train, body);
    } else {
      InferSpec infer = (InferSpec) body.spec();
      Result model = state.requireResult(infer.model());
      if (model.publishedModel().isEmpty()) {
        throw new Rejection(
            ErrorCode.MODEL_NOT_PUBLISHED,
            "result "
                + model.id()
                + " has no published model: inference runs on the weights of a verified result"
                + " that a re-run of its own class reproduced");
      }
    }
    if (spender.balance() < body.maxMicro()) {
      throw new Rejection(
          ErrorCode.INSUFFICIENT_CREDITS,
          "spendable balance "
              + spender.balance()
              + " is below the "
              + body.maxMicro()
              + " micro-credits the job would escrow");
    }
    // All checks passed.
    t.put(
        spender.withBalance(
            spender.balance() - body.maxMicro(),
            Math.addExact(spender.escrowed(), body.maxMicro())));
    t.putJob(
        Job.created(
            t.index(), t.sender(), body.spec(), body.priceMicro(), body.maxMicro(), t.time()));
    t.emit(
        StateEvent.jobCreated(
            t.index(), t.index(), body.spec().kind().wireName(), t.sender(), body.maxMicro()));
  }

  private static void checkTraining(LedgerState state, TrainSpec train, JobCreate body) {
    TrackSpec track = state.requireTrack(train.track());
    byte[] source = train.source().getBytes(StandardCharsets.UTF_8);
    if (source.length > state.policy().maxSourceBytes()) {
      throw new Rejection(
          ErrorCode.SOURCE_TOO_LARGE,
          "source is " + source.length + " bytes; the limit is " + state.policy().maxSourceBytes());
    }
    if (!Hash.sha256(source).equals(train.sourceSha256())) {
      throw new Rejection(
          ErrorCode.SOURCE_HASH_MISMATCH, "source_sha256 is not the SHA-256 of the source");
    }
    if (train.fromResult().isPresent()) {
      Result from = state.requireResult(train.fromResult().getAsLong());
      if (from.status() != Result.Status.VERIFIED) {
        throw new Rejection(ErrorCode.INVALID_ARGUMENT, "result " + from.id() + " is not verified");
      }
      if (!from.track().equals(track.id())
          || !from.submission().sourceSha256().equals(train.sourceSha256())) {
        throw new Rejection(
            ErrorCode.SOURCE_HASH_MISMATCH,
            "the job's track and source are not those of result " + from.id());
      }
    }
    long needed =
        JobSettlement.withFee(
            JobSettlement.cost(train.budgetFlops(), body.priceMicro()),
            state.policy().jobs().verifierFeePercent());
    if (needed > body.maxMicro()) {
      throw new Rejection(
          ErrorCode.ESCROW_TOO_SMALL,
          "a budget of "
              + train.budgetFlops()
              + " FLOPs at "
              + body.priceMicro()
              + " micro-credits per 10^15, with the verifier's fee, needs "
              + needed
              + " micro-credits; max_micro is "
              + body.maxMicro());
    }
  }

  public static void lease(Transition t, JobLease body) {
    LedgerState state = t.state();
    Account worker = state.requireAccount(t.sender());
    if (!worker.isWorker()) {
      throw new Rejection(
          ErrorCode.NOT_WORKER, "account " + worker.id().hex() + " is not a worker");
    }
    if (worker.reputation() <= 0) {
      // A worker with nothing left to lose could lease every job and let each lapse.
      throw new Rejection(
          ErrorCode.NOT_WORKER,
          "worker " + worker.id().hex() + " has no reputation left to lease jobs with");
    }
    Job job = state.requireJob(body.job());
    if (job.spender().equals(worker.id())) {
      throw new Rejection(ErrorCode.SELF_DEALING, "nobody runs their own job");
    }
    // A lease that ran out frees the job now, not only at the next leaf's tick.
    Optional<Job> lapsed = lapsed(job, t.time());
    Job offered = lapsed.map(Job::reopened).orElse(job);
    if (offered.status() != Job.Status.OPEN
        || offered.attempts() >= state.policy().jobs().maxAttempts()) {
      throw new Rejection(
          ErrorCode.JOB_NOT_OPEN, "job " + job.id() + " is " + job.status().wireName());
    }
    if (offered.excludes(worker.id())) {
      throw new Rejection(
          ErrorCode.JOB_NOT_OPEN,
          "job " + job.id() + " is not open to " + worker.id().hex() + ": it failed it before");
    }
    // All checks passed.
    if (lapsed.isPresent()) {
      offered = recordLapse(t, job).reopened();
    }
    Instant deadline = t.time().plusSeconds(state.policy().leaseSeconds());
    t.putJob(offered.leasedTo(new Job.Holder(worker.id(), deadline)));
    t.emit(StateEvent.jobLeased(t.index(), job.id(), worker.id(), LeafCodec.formatTime(deadline)));
  }

  /**
   * {@code job} with its worker's lease recorded as expired, when that lease ran out by {@code
   * now}.
   */
  private static Optional<Job> lapsed(Job job, Instant now) {
    return job.lease()
        .filter(l -> job.status() == Job.Status.RUNNING && !now.isBefore(l.deadline()))
        .map(l -> job.with(new Job.Event(-1, Job.EventKind.LEASE_EXPIRED, l.account())));
  }

  /** The cost of a lease that ran out: the silent worker's reputation, and the event. */
  private static Job recordLapse(Transition t, Job job) {
    PublicKey silent = job.lease().orElseThrow().account();
    penalize(t, silent, "lease on job " + job.id() + " expired");
    t.emit(StateEvent.jobExpired(t.index(), job.id(), "worker", silent));
    return job.with(new Job.Event(t.index(), Job.EventKind.LEASE_EXPIRED, silent));
  }

  public static void complete(Transition t, JobComplete body) {
    LedgerState state = t.state();
    Job job = state.requireJob(body.job());
    Job.Holder lease =
        job.lease()
            .filter(l -> l.account().equals(t.sender()) && job.status() == Job.Status.RUNNING)
            .orElseThrow(
                () ->
                    new Rejection(
                        ErrorCode.NOT_ASSIGNED,
                        "job " + job.id() + " is not leased to " + t.sender().hex()));
    if (!t.time().isBefore(lease.deadline())) {
      throw new Rejection(
          ErrorCode.LEASE_EXPIRED,
          "the lease on job " + job.id() + " ended at " + LeafCodec.formatTime(lease.deadline()));
    }
    Account worker = state.requireAccount(t.sender());
    String granted =
        worker
            .workerClass()
            .orElseThrow(
                () -> new Rejection(ErrorCode.NOT_WORKER, t.sender().hex() + " is not a worker"));
    if (!body.hardwareClass().equals(granted)) {
      throw new Rejection(
          ErrorCode.WRONG_HARDWARE_CLASS,
          "completion on hardware class "
              + body.hardwareClass()
              + "; the worker was granted "
              + granted);
    }
    checkOutput(job, body);
    // All checks passed.
    Hash leafHash = MerkleHash.leaf(LeafCodec.encode(t.leaf()));
    boolean sampled =
        worker.jobsAgreed() < state.policy().trustedStreak()
            || ResultRules.drawn(leafHash, samplePercent(state, worker));
    Job.Completion c =
        new Job.Completion(
            t.index(),
            worker.id(),
            body.hardwareClass(),
            body.output(),
            leafHash,
            t.time(),
            sampled);
    t.putJob(job.completed(c));
    t.emit(
        StateEvent.jobCompleted(t.index(), job.id(), worker.id(), body.output().flops(), sampled));
    if (sampled) {
      JobVerification.assign(t, job.id());
    } else {
      JobVerification.settle(t, state.requireJob(job.id()), Optional.empty());
    }
  }

  private static void checkOutput(Job job, JobComplete body) {
    JobOutput output = body.output();
    if (output.kind() != job.kind()) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          "job " + job.id() + " is a " + job.kind().wireName() + " job; the output is not");
    }
    if (output.flops() <= 0) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, "a completion counts positive FLOPs");
    }
    if (output instanceof JobOutput.Trained trained) {
      TrainSpec spec = (TrainSpec) job.spec();
      if (trained.flops() > spec.budgetFlops()) {
        throw new Rejection(
            ErrorCode.OVER_BUDGET,
            trained.flops() + " training FLOPs exceed the job's budget of " + spec.budgetFlops());
      }
      if (!(trained.run().valBpb() > 0) || !Double.isFinite(trained.run().valBpb())) {
        throw new Rejection(ErrorCode.INVALID_ARGUMENT, "run.val_bpb must be positive");
      }
      if (!trained.run().hardwareClass().equals(body.hardwareClass())) {
        throw new Rejection(
            ErrorCode.WRONG_HARDWARE_CLASS, "the run's hardware class is not the completion's");
      }
    }
  }

  /**
   * The share of a trusted worker's completed jobs that are re-run: the policy's rate at the
   * starting reputation, more as reputation falls, at most every job.
   */
  static long samplePercent(LedgerState state, Account worker) {
    long base = state.policy().jobs().samplePercent();
    long scaled = base * state.policy().initialReputation() / Math.max(1, worker.reputation());
    return Math.min(100, Math.max(base, scaled));
  }

  public static void cancel(Transition t, JobCancel body) {
    Job job = t.state().requireJob(body.job());
    if (!job.spender().equals(t.sender())) {
      throw new Rejection(ErrorCode.NOT_SPENDER, "job " + job.id() + " belongs to another account");
    }
    if (job.status() != Job.Status.OPEN
        && lapsed(job, t.time()).isEmpty()
        && !unverifiable(job, t)) {
      throw new Rejection(
          ErrorCode.JOB_NOT_OPEN,
          job.status().ended()
              ? "job " + job.id() + " has ended (" + job.status().wireName() + ")"
              : "a worker holds job " + job.id() + "; it can be cancelled only while open");
    }
    // All checks passed. A completion nobody could check is dropped unpaid (its worker keeps its
    // reputation): the spender gets the whole escrow back rather than waiting forever.
    Job open = lapsed(job, t.time()).isPresent() ? recordLapse(t, job).reopened() : job;
    JobSettlement.refund(t, open, Job.Status.CANCELLED);
    t.emit(StateEvent.jobCancelled(t.index(), job.id(), job.maxMicro()));
  }

  /**
   * A completion that has waited a whole lease time without any verifier of its class to check it
   * (none exists, or all failed or went silent): the spender may cancel rather than leave the
   * escrow locked until one is granted.
   */
  private static boolean unverifiable(Job job, Transition t) {
    return job.status() == Job.Status.VERIFYING
        && job.check().isEmpty()
        && !t.time()
            .isBefore(
                job.completion().orElseThrow().at().plusSeconds(t.state().policy().leaseSeconds()));
  }

  /**
   * The passing of log time: a worker's lease that ran out costs it reputation and ends the
   * attempt; a verifier that went silent (or lost its role) is replaced; a completion waiting for a
   * verifier gets one when one of its class exists.
   */
  public static void tick(Transition t) {
    Instant now = t.time();
    LedgerState state = t.state();
    for (Job job : state.activeJobs()) {
      if (job.status() == Job.Status.RUNNING) {
        Job.Holder lease = job.lease().orElseThrow();
        if (!now.isBefore(lease.deadline())) {
          penalize(t, lease.account(), "lease on job " + job.id() + " expired");
          t.emit(StateEvent.jobExpired(t.index(), job.id(), "worker", lease.account()));
          reopenOrFail(
              t, job.with(new Job.Event(t.index(), Job.EventKind.LEASE_EXPIRED, lease.account())));
        }
        continue;
      }
      Job current = job;
      if (job.check().isPresent()) {
        Job.Holder check = job.check().get();
        boolean stillVerifier =
            state.account(check.account()).map(Account::isVerifier).orElse(false);
        if (!now.isBefore(check.deadline())) {
          penalize(t, check.account(), "check of job " + job.id() + " expired");
          t.emit(StateEvent.jobExpired(t.index(), job.id(), "verifier", check.account()));
          current =
              job.with(new Job.Event(t.index(), Job.EventKind.CHECK_EXPIRED, check.account()))
                  .checkedBy(Optional.empty());
          t.putJob(current);
        } else if (!stillVerifier) {
          current = job.checkedBy(Optional.empty());
          t.putJob(current);
        }
      }
      if (current.check().isEmpty()) {
        JobVerification.assign(t, job.id());
      }
    }
  }

  private static void penalize(
      Transition t, dev.swarmledger.protocol.crypto.PublicKey who, String reason) {
    Account a = t.state().requireAccount(who);
    long penalty = t.state().policy().silencePenalty();
    t.put(a.withReputation(Math.max(0, a.reputation() - penalty)));
    t.emit(StateEvent.reputationLowered(t.index(), who, reason));
  }

  /**
   * An attempt ended without an agreed completion: the job is offered again, or, its attempts used
   * up, ends as failed with the whole escrow back to the spender.
   */
  static void reopenOrFail(Transition t, Job job) {
    if (job.attempts() >= t.state().policy().jobs().maxAttempts()) {
      JobSettlement.refund(t, job, Job.Status.FAILED);
      t.emit(StateEvent.jobFailed(t.index(), job.id(), job.maxMicro()));
    } else {
      t.putJob(job.reopened());
      t.emit(StateEvent.jobReopened(t.index(), job.id(), job.attempts()));
    }
  }
}
