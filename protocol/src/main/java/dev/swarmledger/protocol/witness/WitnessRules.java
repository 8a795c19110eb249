package dev.swarmledger.protocol.witness;

import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.MerkleHash;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a witness decides about an {@code add-checkpoint} request, in the order of the C2SP
 * tlog-witness spec: known log, trusted signature, old size, then consistency with the checkpoint
 * it holds. Pure: the caller holds the per-log lock, persists an accepted checkpoint and only then
 * cosigns it.
 */
public final class WitnessRules {
  private WitnessRules() {}

  /** Why a request is refused; each maps to the HTTP status the spec names. */
  public enum Refusal {
    /** 400: old size above the checkpoint size. */
    BAD_REQUEST,
    /** 403: no valid signature by a key trusted for the origin. */
    NOT_SIGNED,
    /** 404: the origin is not a log this witness follows. */
    UNKNOWN_LOG,
    /** 409: the old size is not the size the witness holds (which it answers with). */
    OLD_SIZE_MISMATCH,
    /** 422: the proof does not verify, or the checkpoint contradicts the one held. */
    INCONSISTENT
  }

  /** The judgment: accept (cosign and hold {@code checkpoint}) or refuse. */
  public record Verdict(
      Optional<Checkpoint> accepted,
      Optional<Refusal> refusal,
      String message,
      OptionalLong heldSize) {
    static Verdict accept(Checkpoint c) {
      return new Verdict(Optional.of(c), Optional.empty(), "ok", OptionalLong.empty());
    }

    static Verdict refuse(Refusal r, String message) {
      return new Verdict(Optional.empty(), Optional.of(r), message, OptionalLong.empty());
    }

    public boolean isAccepted() {
      return accepted.isPresent();
    }
  }

  /**
   * Judges {@code request} given the keys trusted for its origin (empty: unknown log) and the
   * checkpoint the witness holds for it (empty: none yet, which counts as size 0).
   */
  public static Verdict judge(
      AddCheckpointRequest request, List<NoteVerifierKey> trusted, Optional<Checkpoint> held) {
    SignedNote note = request.signedNote();
    Checkpoint c = request.checkpoint();
    if (trusted.isEmpty()) {
      return Verdict.refuse(Refusal.UNKNOWN_LOG, "unknown log '" + c.origin() + "'");
    }
    if (trusted.stream().noneMatch(note::verifiedBy)) {
      return Verdict.refuse(
          Refusal.NOT_SIGNED, "checkpoint carries no valid signature by the log's key");
    }
    if (request.oldSize() > c.size()) {
      return Verdict.refuse(
          Refusal.BAD_REQUEST,
          "old size " + request.oldSize() + " is above the checkpoint size " + c.size());
    }
    long heldSize = held.map(Checkpoint::size).orElse(0L);
    if (request.oldSize() != heldSize) {
      return new Verdict(
          Optional.empty(),
          Optional.of(Refusal.OLD_SIZE_MISMATCH),
          "old size " + request.oldSize() + " is not the size held, " + heldSize,
          OptionalLong.of(heldSize));
    }
    if (c.size() == 0 && !c.root().equals(MerkleHash.empty())) {
      return Verdict.refuse(
          Refusal.INCONSISTENT, "a checkpoint of size 0 must have the empty root");
    }
    if (request.oldSize() == 0) {
      return request.proof().isEmpty()
          ? Verdict.accept(c)
          : Verdict.refuse(Refusal.INCONSISTENT, "a proof from size 0 must be empty");
    }
    Checkpoint old = held.orElseThrow();
    if (old.size() == c.size()) {
      return old.root().equals(c.root()) && request.proof().isEmpty()
          ? Verdict.accept(c)
          : Verdict.refuse(
              Refusal.INCONSISTENT,
              "checkpoint of size " + c.size() + " has a different root than the one held");
    }
    ConsistencyProof proof = new ConsistencyProof(old.size(), c.size(), request.proof());
    if (!proof.verify(old.root(), c.root())) {
      return Verdict.refuse(
          Refusal.INCONSISTENT,
          "consistency proof from size "
              + old.size()
              + " to "
              + c.size()
              + " does not verify against the checkpoint held");
    }
    return Verdict.accept(c);
  }
}
