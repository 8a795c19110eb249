package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.results.Lease;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A result as the API serves it: the submission (source only in single-result answers), its
 * verification (assigned verifiers, attestations, status) and what it minted.
 */
public record ResultView(
    long id,
    String track,
    PublicKey account,
    OptionalLong claim,
    OptionalLong parent,
    long seed,
    long steps,
    Hash sourceSha256,
    Optional<String> source,
    RunSummary run,
    Instant submitted,
    Hash leafHash,
    boolean candidateBest,
    boolean sampled,
    int quorum,
    List<Lease> leases,
    List<PublicKey> excluded,
    List<AttestationView> attestations,
    Result.Status status,
    Optional<Instant> decided,
    OptionalDouble verifiedValBpb,
    long minted,
    Optional<Instant> challengeUntil,
    boolean becameBest,
    Optional<Hash> publishedModel) {

  public ResultView {
    leases = List.copyOf(leases);
    excluded = List.copyOf(excluded);
    attestations = List.copyOf(attestations);
  }

  /** The verifiers assigned, in assignment order. */
  public List<PublicKey> assigned() {
    return leases.stream().map(Lease::verifier).toList();
  }

  /** The view of {@code r}; with {@code withSource} the full experiment source is included. */
  public static ResultView of(Result r, boolean withSource) {
    ResultSubmit s = r.submission();
    return new ResultView(
        r.id(),
        s.track(),
        r.account(),
        s.claim(),
        s.parent(),
        s.seed(),
        s.steps(),
        s.sourceSha256(),
        withSource ? Optional.of(s.source()) : Optional.empty(),
        s.run(),
        r.submitted(),
        r.leafHash(),
        r.candidateBest(),
        r.sampled(),
        r.quorum(),
        r.leases(),
        r.excluded(),
        r.attestations().stream().map(AttestationView::of).toList(),
        r.status(),
        r.decided(),
        r.verifiedValBpb(),
        r.mintedMicro(),
        r.challengeUntil(),
        r.becameBest(),
        r.publishedModel());
  }

  /** The value the ledger stands behind: the verifiers' val_bpb once measured, else the claim. */
  public double recordedValBpb() {
    return verifiedValBpb.orElse(run.valBpb());
  }

  /** The val_bpb the submitter claimed (the run's). */
  public double valBpb() {
    return run.valBpb();
  }

  public boolean pending() {
    return status == Result.Status.PENDING;
  }

  public boolean attestedBy(PublicKey verifier) {
    return attestations.stream().anyMatch(a -> a.verifier().equals(verifier));
  }
}
