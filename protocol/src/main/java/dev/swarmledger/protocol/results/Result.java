package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A submitted result and its verification: who must re-run it and until when, what they said, and
 * the outcome with the values the verifiers measured.
 *
 * @param id the index of the leaf that submitted it
 * @param leafHash hash of that leaf; seeds the verifier assignment
 * @param candidateBest whether it claimed to beat the best when submitted (then it needs the best
 *     quorum)
 * @param sampled false when a trusted contributor's ordinary result was not drawn for re-running
 * @param leases the verifiers assigned to it, each with its deadline
 * @param excluded verifiers who handed the work back or let their lease expire: never reassigned
 * @param verifiedValBpb the val_bpb the agreeing verifiers measured (the worst of them), once
 *     verified by re-runs; an unsampled result has none
 * @param challengeUntil for an unsampled result, the end of the window in which its pending credits
 *     can be clawed back; empty once they are released
 */
public record Result(
    long id,
    PublicKey account,
    ResultSubmit submission,
    Hash leafHash,
    Instant submitted,
    boolean candidateBest,
    boolean sampled,
    int quorum,
    List<Lease> leases,
    List<PublicKey> excluded,
    List<Attestation> attestations,
    Status status,
    Optional<Instant> decided,
    OptionalDouble verifiedValBpb,
    long mintedMicro,
    Optional<Instant> challengeUntil,
    boolean becameBest) {

  /** The life of a result. */
  public enum Status {
    PENDING,
    VERIFIED,
    REJECTED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Result {
    leases = List.copyOf(leases);
    excluded = List.copyOf(excluded);
    attestations = List.copyOf(attestations);
  }

  /** A new result, waiting for verifiers. */
  public static Result submitted(
      long id,
      PublicKey account,
      ResultSubmit submission,
      Hash leafHash,
      Instant at,
      boolean candidateBest,
      boolean sampled,
      int quorum) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        at,
        candidateBest,
        sampled,
        quorum,
        List.of(),
        List.of(),
        List.of(),
        Status.PENDING,
        Optional.empty(),
        OptionalDouble.empty(),
        0,
        Optional.empty(),
        false);
  }

  public String track() {
    return submission.track();
  }

  /** The val_bpb the submitter claimed. */
  public double claimedValBpb() {
    return submission.run().valBpb();
  }

  /**
   * The published model of a verified result: the weights blob its submitter named, once a re-run
   * of its own hardware class reproduced it exactly and kept the very same parameter file.
   * Inference jobs run only on published models.
   */
  public Optional<Hash> publishedModel() {
    if (status != Status.VERIFIED) {
      return Optional.empty();
    }
    String ownClass = submission.run().hardwareClass();
    return submission
        .run()
        .weightsSha256()
        .filter(
            w ->
                attestations.stream()
                    .anyMatch(
                        a ->
                            a.verdict() == Verdict.EXACT
                                && a.hardwareClass().equals(ownClass)
                                && a.weightsSha256().equals(Optional.of(w))));
  }

  /** The verifiers assigned, in assignment order. */
  public List<PublicKey> assigned() {
    return leases.stream().map(Lease::verifier).toList();
  }

  public Optional<Lease> lease(PublicKey verifier) {
    return leases.stream().filter(l -> l.verifier().equals(verifier)).findFirst();
  }

  public long agreeing() {
    return attestations.stream().filter(a -> a.verdict().agrees()).count();
  }

  public long disagreeing() {
    return attestations.size() - agreeing();
  }

  public boolean attestedBy(PublicKey verifier) {
    return attestations.stream().anyMatch(a -> a.verifier().equals(verifier));
  }

  /** Assigned verifiers that have not attested yet. */
  public List<PublicKey> waitingFor() {
    return assigned().stream().filter(v -> !attestedBy(v)).toList();
  }

  public Result withLeases(List<Lease> newLeases, List<PublicKey> newExcluded) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        submitted,
        candidateBest,
        sampled,
        quorum,
        newLeases,
        newExcluded,
        attestations,
        status,
        decided,
        verifiedValBpb,
        mintedMicro,
        challengeUntil,
        becameBest);
  }

  public Result withAttestations(List<Attestation> newAttestations) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        submitted,
        candidateBest,
        sampled,
        quorum,
        leases,
        excluded,
        newAttestations,
        status,
        decided,
        verifiedValBpb,
        mintedMicro,
        challengeUntil,
        becameBest);
  }

  public Result decided(
      Status s,
      Instant at,
      OptionalDouble measured,
      long minted,
      Optional<Instant> pendingUntil,
      boolean best) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        submitted,
        candidateBest,
        sampled,
        quorum,
        leases,
        excluded,
        attestations,
        s,
        Optional.of(at),
        measured,
        minted,
        pendingUntil,
        best);
  }

  /**
   * A challenge found the unsampled result false: it waits again, for {@code newQuorum} agreeing or
   * disagreeing attestations, its credits still pending ({@code challengeUntil} kept).
   */
  public Result reopened(int newQuorum) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        submitted,
        candidateBest,
        sampled,
        newQuorum,
        leases,
        excluded,
        attestations,
        Status.PENDING,
        Optional.empty(),
        verifiedValBpb,
        mintedMicro,
        challengeUntil,
        becameBest);
  }

  /** The challenge window closed (credits released) or a challenge rejected the result. */
  public Result withChallengeClosed(Status s) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        submitted,
        candidateBest,
        sampled,
        quorum,
        leases,
        excluded,
        attestations,
        s,
        decided,
        verifiedValBpb,
        mintedMicro,
        Optional.empty(),
        becameBest);
  }
}
