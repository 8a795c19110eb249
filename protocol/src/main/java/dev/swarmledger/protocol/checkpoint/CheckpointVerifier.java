package dev.swarmledger.protocol.checkpoint;

import java.util.Objects;

/** Checks a signed checkpoint against the pinned key of one log and returns what it attests. */
public final class CheckpointVerifier {
  private final NoteVerifierKey key;

  public CheckpointVerifier(NoteVerifierKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * The checkpoint in {@code note}, or an {@link IllegalArgumentException} saying why it is not
   * acceptable: malformed note or body, origin other than the key's name, no valid signature by the
   * key.
   */
  public Checkpoint verify(String note) {
    SignedNote parsed;
    Checkpoint checkpoint;
    try {
      parsed = SignedNote.parse(note);
      checkpoint = Checkpoint.parseBody(parsed.text());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed checkpoint: " + e.getMessage(), e);
    }
    if (!checkpoint.origin().equals(key.name())) {
      throw new IllegalArgumentException(
          "checkpoint origin '" + checkpoint.origin() + "' is not the log '" + key.name() + "'");
    }
    if (!parsed.verifiedBy(key)) {
      throw new IllegalArgumentException(
          "checkpoint has no valid signature by " + key.name() + " (key " + key.encode() + ")");
    }
    return checkpoint;
  }

  public NoteVerifierKey key() {
    return key;
  }
}
