package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A client's trust policy over witnesses: a checkpoint counts only if at least {@code k} distinct
 * configured witnesses cosigned it. A witness is counted once per public key (cosignature/v1 does
 * not commit to the witness name, so one key listed under two names is still one witness).
 */
public final class WitnessQuorum {
  private final List<CosignerKey> witnesses;
  private final int k;

  public WitnessQuorum(List<CosignerKey> witnesses, int k) {
    this.witnesses = List.copyOf(witnesses);
    long distinct = this.witnesses.stream().map(CosignerKey::publicKey).distinct().count();
    if (k < 1 || k > distinct) {
      throw new IllegalArgumentException(
          "quorum must be between 1 and the " + distinct + " distinct witness key(s), got " + k);
    }
    this.k = k;
  }

  /** The public keys of the configured witnesses whose cosignature on {@code note} verifies. */
  public Set<PublicKey> cosigners(SignedNote note) {
    Set<PublicKey> found = new LinkedHashSet<>();
    for (CosignerKey w : witnesses) {
      if (w.cosignature(note).isPresent()) {
        found.add(w.publicKey());
      }
    }
    return found;
  }

  /**
   * Checks a checkpoint note (already verified against the log key by the caller); an {@link
   * IllegalArgumentException} says how many cosignatures were found when fewer than k.
   */
  public void check(String note) {
    SignedNote parsed = SignedNote.parse(note);
    int found = cosigners(parsed).size();
    if (found < k) {
      throw new IllegalArgumentException(
          "checkpoint is cosigned by "
              + found
              + " of the configured witnesses; "
              + k
              + " required (a checkpoint no quorum of witnesses saw may be a split view)");
    }
  }

  public int k() {
    return k;
  }

  public List<CosignerKey> witnesses() {
    return witnesses;
  }
}
