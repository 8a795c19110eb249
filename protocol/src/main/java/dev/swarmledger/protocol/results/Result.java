package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A submitted result and its verification: who must re-run it, what they said, and the outcome.
 *
 * @param id the index of the leaf that submitted it
 * @param leafHash hash of that leaf; seeds the verifier assignment
 * @param candidateBest whether it claimed to beat the best when submitted (then it needs the best
 *     quorum)
 * @param sampled false when a trusted contributor's ordinary result was not drawn for re-running
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
    List<PublicKey> assigned,
    List<Attestation> attestations,
    Status status,
    Optional<Instant> decided,
    long mintedMicro,
    boolean becameBest) {

  /** The life of a result. */
  public enum Status {
    PENDING,
    VERIFIED,
    REJECTED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Result {
    assigned = List.copyOf(assigned);
    attestations = List.copyOf(attestations);
  }

  public String track() {
    return submission.track();
  }

  public double valBpb() {
    return submission.run().valBpb();
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
    return assigned.stream().filter(v -> !attestedBy(v)).toList();
  }

  public Result with(List<PublicKey> newAssigned, List<Attestation> newAttestations) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        submitted,
        candidateBest,
        sampled,
        quorum,
        newAssigned,
        newAttestations,
        status,
        decided,
        mintedMicro,
        becameBest);
  }

  public Result decided(Status s, Instant at, long minted, boolean best) {
    return new Result(
        id,
        account,
        submission,
        leafHash,
        submitted,
        candidateBest,
        sampled,
        quorum,
        assigned,
        attestations,
        s,
        Optional.of(at),
        minted,
        best);
  }
}
