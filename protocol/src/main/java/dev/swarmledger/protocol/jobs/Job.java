package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A job and everything that happened to it: who holds it and until when, what the worker reported,
 * who re-runs it, what went wrong before (kept forever), and how the escrow was settled.
 *
 * @param id the index of the {@code job.create} leaf
 * @param maxMicro the micro-credits escrowed from the spender when the job was created
 * @param lease the worker running it (status {@code running})
 * @param completion what the worker reported (status {@code verifying}, and kept once settled)
 * @param check the verifier assigned to re-run the completion (status {@code verifying})
 * @param history expired leases, mismatches and verifiers that failed or went silent, in log order
 * @param settlement how the escrow was paid out once the job ended
 */
public record Job(
    long id,
    PublicKey spender,
    JobSpec spec,
    long priceMicro,
    long maxMicro,
    Instant created,
    Status status,
    Optional<Holder> lease,
    Optional<Completion> completion,
    Optional<Holder> check,
    List<Event> history,
    Optional<Settlement> settlement) {

  /** The life of a job. */
  public enum Status {
    /** Waiting for a worker. */
    OPEN,
    /** A worker holds the lease. */
    RUNNING,
    /** Completed; waiting for a verifier's re-run. */
    VERIFYING,
    /** Paid out: the worker, the verifier's fee, the rest back to the spender. */
    SETTLED,
    /** Withdrawn by the spender before any worker held it. */
    CANCELLED,
    /** Offered too many times without an agreed completion; the escrow went back. */
    FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
      return this == SETTLED || this == CANCELLED || this == FAILED;
    }
  }

  /** A worker's lease or a verifier's assignment, with its deadline in log time. */
  public record Holder(PublicKey account, Instant deadline) {}

  /**
   * A worker's completion.
   *
   * @param index the {@code job.complete} leaf
   * @param leafHash that leaf's hash: it draws the sample and ranks the verifiers
   * @param sampled whether a verifier re-runs it (always, for a worker not yet trusted)
   */
  public record Completion(
      long index,
      PublicKey worker,
      String hardwareClass,
      JobOutput output,
      Hash leafHash,
      Instant at,
      boolean sampled) {}

  /** Something that went wrong with one attempt, kept in the job's history. */
  public record Event(long index, EventKind kind, PublicKey account) {}

  /** What went wrong. */
  public enum EventKind {
    /** The worker's lease ran out without a completion. */
    LEASE_EXPIRED,
    /** A verifier's re-run disagreed with the worker's completion. */
    MISMATCH,
    /** The assigned verifier went silent past its deadline. */
    CHECK_EXPIRED,
    /** The assigned verifier could not re-run it. */
    CHECK_FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this ends one of the job's attempts (they are limited by policy). */
    public boolean endsAttempt() {
      return this == LEASE_EXPIRED || this == MISMATCH;
    }
  }

  /**
   * How the escrow was paid out: {@code paidMicro} to the worker, {@code feeMicro} to the verifier,
   * {@code refundMicro} back to the spender; they add up to the escrow.
   */
  public record Settlement(
      long index,
      Instant at,
      Optional<PublicKey> worker,
      long paidMicro,
      Optional<PublicKey> verifier,
      long feeMicro,
      long refundMicro,
      long flops) {}

  public Job {
    history = List.copyOf(history);
  }

  /** A new job, open to workers. */
  public static Job created(
      long id, PublicKey spender, JobSpec spec, long priceMicro, long maxMicro, Instant at) {
    return new Job(
        id,
        spender,
        spec,
        priceMicro,
        maxMicro,
        at,
        Status.OPEN,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  public JobKind kind() {
    return spec.kind();
  }

  /** Attempts used so far: leases that expired and completions that were not reproduced. */
  public long attempts() {
    return history.stream().filter(e -> e.kind().endsAttempt()).count();
  }

  /** Whether {@code account} may no longer take this job or check it. */
  public boolean excludes(PublicKey account) {
    return history.stream()
        .anyMatch(e -> e.account().equals(account) && e.kind() != EventKind.LEASE_EXPIRED);
  }

  public Job leasedTo(Holder h) {
    return new Job(
        id,
        spender,
        spec,
        priceMicro,
        maxMicro,
        created,
        Status.RUNNING,
        Optional.of(h),
        Optional.empty(),
        Optional.empty(),
        history,
        settlement);
  }

  public Job completed(Completion c) {
    return new Job(
        id,
        spender,
        spec,
        priceMicro,
        maxMicro,
        created,
        Status.VERIFYING,
        Optional.empty(),
        Optional.of(c),
        Optional.empty(),
        history,
        settlement);
  }

  public Job checkedBy(Optional<Holder> h) {
    return new Job(
        id,
        spender,
        spec,
        priceMicro,
        maxMicro,
        created,
        status,
        lease,
        completion,
        h,
        history,
        settlement);
  }

  /** Records {@code e}; the job keeps its status and holders (the caller changes them). */
  public Job with(Event e) {
    List<Event> all = new ArrayList<>(history);
    all.add(e);
    return new Job(
        id,
        spender,
        spec,
        priceMicro,
        maxMicro,
        created,
        status,
        lease,
        completion,
        check,
        all,
        settlement);
  }

  /** Back on offer, without a worker, completion or verifier. */
  public Job reopened() {
    return new Job(
        id,
        spender,
        spec,
        priceMicro,
        maxMicro,
        created,
        Status.OPEN,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        history,
        settlement);
  }

  /** Ended with {@code s}; a settled job keeps its completion, the others drop everything held. */
  public Job ended(Status s, Settlement paid) {
    return new Job(
        id,
        spender,
        spec,
        priceMicro,
        maxMicro,
        created,
        s,
        Optional.empty(),
        s == Status.SETTLED ? completion : Optional.empty(),
        Optional.empty(),
        history,
        Optional.of(paid));
  }
}
