package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Something worth showing that a transition did (an account registered, credits minted, a new
 * best). Derived from the log, never stored in it: replaying the leaves gives the same events.
 * Every kind is catalogued in {@link Kind} and built by one factory below, so the fields of an
 * event are spelled in exactly one place.
 *
 * @param fields simple values (strings, numbers, booleans) in the order the factory gives them
 */
public record StateEvent(long index, Kind kind, Map<String, Object> fields) {

  /** The catalogue of events, by their stable wire names. */
  public enum Kind {
    GENESIS("genesis"),
    ACCOUNT_REGISTERED("account.registered"),
    VERIFIER_GRANTED("verifier.granted"),
    VERIFIER_REVOKED("verifier.revoked"),
    TRACK_CREATED("track.created"),
    CLAIM_CREATED("claim.created"),
    CLAIM_RELEASED("claim.released"),
    HYPOTHESIS_CREATED("hypothesis.created"),
    RESULT_SUBMITTED("result.submitted"),
    WORK_ASSIGNED("work.assigned"),
    WORK_UNASSIGNED("work.unassigned"),
    WORK_EXPIRED("work.expired"),
    WORK_RETURNED("work.returned"),
    ATTESTATION_SUBMITTED("attestation.submitted"),
    RESULT_VERIFIED("result.verified"),
    RESULT_REJECTED("result.rejected"),
    BEST_UPDATED("best.updated"),
    CREDITS_MINTED("credits.minted"),
    CREDITS_PENDING("credits.pending"),
    CREDITS_RELEASED("credits.released"),
    CREDITS_CLAWED_BACK("credits.clawed_back"),
    RESULT_CHALLENGED("result.challenged"),
    CREDITS_TRANSFERRED("credits.transferred"),
    REPUTATION_LOWERED("reputation.lowered"),
    REPUTATION_RAISED("reputation.raised"),
    WORKER_GRANTED("worker.granted"),
    WORKER_REVOKED("worker.revoked"),
    JOB_CREATED("job.created"),
    JOB_LEASED("job.leased"),
    JOB_COMPLETED("job.completed"),
    JOB_ASSIGNED("job.assigned"),
    JOB_EXPIRED("job.expired"),
    JOB_ATTESTED("job.attested"),
    JOB_REOPENED("job.reopened"),
    JOB_SETTLED("job.settled"),
    JOB_CANCELLED("job.cancelled"),
    JOB_FAILED("job.failed"),
    ANCHOR_RECORDED("anchor.recorded");

    private static final Map<String, Kind> BY_WIRE =
        Arrays.stream(values()).collect(Collectors.toMap(Kind::wireName, Function.identity()));

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Optional<Kind> fromWire(String name) {
      return Optional.ofNullable(BY_WIRE.get(name));
    }
  }

  public StateEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static StateEvent genesis(long index, PublicKey operator, String origin) {
    return of(index, Kind.GENESIS, "operator", operator.hex(), "origin", origin);
  }

  public static StateEvent anchorRecorded(long index, long chainId, long size, String txHash) {
    return of(index, Kind.ANCHOR_RECORDED, "chain_id", chainId, "size", size, "tx_hash", txHash);
  }

  public static StateEvent accountRegistered(long index, PublicKey account, String name) {
    return of(index, Kind.ACCOUNT_REGISTERED, "account", account.hex(), "name", name);
  }

  public static StateEvent verifierGranted(long index, PublicKey account, String hardwareClass) {
    return of(
        index, Kind.VERIFIER_GRANTED, "account", account.hex(), "hardware_class", hardwareClass);
  }

  public static StateEvent verifierRevoked(long index, PublicKey account) {
    return of(index, Kind.VERIFIER_REVOKED, "account", account.hex());
  }

  public static StateEvent trackCreated(long index, String track) {
    return of(index, Kind.TRACK_CREATED, "track", track);
  }

  public static StateEvent claimCreated(
      long index, long claim, String track, PublicKey account, String description, String expires) {
    return of(
        index,
        Kind.CLAIM_CREATED,
        "claim",
        claim,
        "track",
        track,
        "account",
        account.hex(),
        "description",
        description,
        "expires",
        expires);
  }

  public static StateEvent claimReleased(long index, long claim) {
    return of(index, Kind.CLAIM_RELEASED, "claim", claim);
  }

  public static StateEvent hypothesisCreated(
      long index, long hypothesis, String track, String title) {
    return of(
        index, Kind.HYPOTHESIS_CREATED, "hypothesis", hypothesis, "track", track, "title", title);
  }

  public static StateEvent resultSubmitted(
      long index,
      long result,
      String track,
      PublicKey account,
      double valBpb,
      boolean candidateBest) {
    return of(
        index,
        Kind.RESULT_SUBMITTED,
        "result",
        result,
        "track",
        track,
        "account",
        account.hex(),
        "val_bpb",
        valBpb,
        "candidate_best",
        candidateBest);
  }

  public static StateEvent workAssigned(long index, long result, PublicKey verifier) {
    return of(index, Kind.WORK_ASSIGNED, "result", result, "verifier", verifier.hex());
  }

  public static StateEvent workUnassigned(long index, long result, PublicKey verifier) {
    return of(index, Kind.WORK_UNASSIGNED, "result", result, "verifier", verifier.hex());
  }

  /** A lease ran out without an attestation: the work goes to another verifier. */
  public static StateEvent workExpired(long index, long result, PublicKey verifier) {
    return of(index, Kind.WORK_EXPIRED, "result", result, "verifier", verifier.hex());
  }

  public static StateEvent workReturned(long index, long result, PublicKey verifier) {
    return of(index, Kind.WORK_RETURNED, "result", result, "verifier", verifier.hex());
  }

  /** Credits minted but not spendable until {@code until} (log time). */
  public static StateEvent creditsPending(
      long index, PublicKey account, long amount, String reason, String until) {
    return of(
        index,
        Kind.CREDITS_PENDING,
        "account",
        account.hex(),
        "amount",
        amount,
        "for",
        reason,
        "until",
        until);
  }

  public static StateEvent creditsReleased(
      long index, PublicKey account, long amount, long result) {
    return of(
        index, Kind.CREDITS_RELEASED, "account", account.hex(), "amount", amount, "result", result);
  }

  /** Pending credits burned because a challenge found the result false. */
  public static StateEvent creditsClawedBack(
      long index, PublicKey account, long amount, long result) {
    return of(
        index,
        Kind.CREDITS_CLAWED_BACK,
        "account",
        account.hex(),
        "amount",
        amount,
        "result",
        result);
  }

  public static StateEvent resultChallenged(
      long index, long result, PublicKey verifier, String verdict, boolean upheld) {
    return of(
        index,
        Kind.RESULT_CHALLENGED,
        "result",
        result,
        "verifier",
        verifier.hex(),
        "verdict",
        verdict,
        "upheld",
        upheld);
  }

  public static StateEvent reputationRaised(long index, PublicKey account, long reputation) {
    return of(index, Kind.REPUTATION_RAISED, "account", account.hex(), "reputation", reputation);
  }

  public static StateEvent attestationSubmitted(
      long index, long result, PublicKey verifier, String verdict, double valBpb) {
    return of(
        index,
        Kind.ATTESTATION_SUBMITTED,
        "result",
        result,
        "verifier",
        verifier.hex(),
        "verdict",
        verdict,
        "val_bpb",
        valBpb);
  }

  /** A result decided by its quorum: verified or rejected. */
  public static StateEvent resultDecided(
      long index, boolean verified, long result, String track, long minted) {
    return of(
        index,
        verified ? Kind.RESULT_VERIFIED : Kind.RESULT_REJECTED,
        "result",
        result,
        "track",
        track,
        "minted",
        minted);
  }

  /** A trusted contributor's result that sampling did not draw. */
  public static StateEvent resultAcceptedUnsampled(long index, long result, long minted) {
    return of(
        index, Kind.RESULT_VERIFIED, "result", result, "by", "trusted-sampling", "minted", minted);
  }

  public static StateEvent bestUpdated(
      long index, String track, long result, double valBpb, PublicKey account) {
    return of(
        index,
        Kind.BEST_UPDATED,
        "track",
        track,
        "result",
        result,
        "val_bpb",
        valBpb,
        "account",
        account.hex());
  }

  /** Credits minted to {@code account}; {@code reason} says for what ("result 12"). */
  public static StateEvent creditsMinted(
      long index, PublicKey account, long amount, String reason) {
    return of(
        index, Kind.CREDITS_MINTED, "account", account.hex(), "amount", amount, "for", reason);
  }

  public static StateEvent creditsTransferred(
      long index, PublicKey from, PublicKey to, long amount) {
    return of(
        index, Kind.CREDITS_TRANSFERRED, "from", from.hex(), "to", to.hex(), "amount", amount);
  }

  public static StateEvent reputationLowered(long index, PublicKey account, String reason) {
    return of(index, Kind.REPUTATION_LOWERED, "account", account.hex(), "reason", reason);
  }

  public static StateEvent workerGranted(long index, PublicKey account, String hardwareClass) {
    return of(
        index, Kind.WORKER_GRANTED, "account", account.hex(), "hardware_class", hardwareClass);
  }

  public static StateEvent workerRevoked(long index, PublicKey account) {
    return of(index, Kind.WORKER_REVOKED, "account", account.hex());
  }

  public static StateEvent jobCreated(
      long index, long job, String kind, PublicKey spender, long escrowed) {
    return of(
        index,
        Kind.JOB_CREATED,
        "job",
        job,
        "kind",
        kind,
        "spender",
        spender.hex(),
        "escrowed",
        escrowed);
  }

  public static StateEvent jobLeased(long index, long job, PublicKey worker, String deadline) {
    return of(index, Kind.JOB_LEASED, "job", job, "worker", worker.hex(), "deadline", deadline);
  }

  public static StateEvent jobCompleted(
      long index, long job, PublicKey worker, long flops, boolean sampled) {
    return of(
        index,
        Kind.JOB_COMPLETED,
        "job",
        job,
        "worker",
        worker.hex(),
        "flops",
        flops,
        "sampled",
        sampled);
  }

  public static StateEvent jobAssigned(long index, long job, PublicKey verifier) {
    return of(index, Kind.JOB_ASSIGNED, "job", job, "verifier", verifier.hex());
  }

  /** A worker's lease or a verifier's check ran out; {@code role} says which. */
  public static StateEvent jobExpired(long index, long job, String role, PublicKey account) {
    return of(index, Kind.JOB_EXPIRED, "job", job, "role", role, "account", account.hex());
  }

  public static StateEvent jobAttested(long index, long job, PublicKey verifier, String verdict) {
    return of(index, Kind.JOB_ATTESTED, "job", job, "verifier", verifier.hex(), "verdict", verdict);
  }

  public static StateEvent jobReopened(long index, long job, long attempts) {
    return of(index, Kind.JOB_REOPENED, "job", job, "attempts", attempts);
  }

  public static StateEvent jobSettled(
      long index, long job, long paid, long fee, long refund, boolean verified) {
    return of(
        index,
        Kind.JOB_SETTLED,
        "job",
        job,
        "paid",
        paid,
        "fee",
        fee,
        "refund",
        refund,
        "verified",
        verified);
  }

  public static StateEvent jobCancelled(long index, long job, long refund) {
    return of(index, Kind.JOB_CANCELLED, "job", job, "refund", refund);
  }

  public static StateEvent jobFailed(long index, long job, long refund) {
    return of(index, Kind.JOB_FAILED, "job", job, "refund", refund);
  }

  private static StateEvent of(long index, Kind kind, Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new StateEvent(index, kind, m);
  }
}
