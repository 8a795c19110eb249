package dev.swarmledger.protocol.witness;

import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.crypto.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>}, up to 63
 * base64 consistency proof lines, a blank line, then the signed checkpoint note.
 *
 * @param note the checkpoint note as sent (its text and every signature line)
 */
public record AddCheckpointRequest(long oldSize, List<Hash> proof, String note) {
  /** The spec's limit on proof lines (a proof in a tree of 2^63 leaves is shorter). */
  public static final int MAX_PROOF_LINES = 63;

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw new IllegalArgumentException("old size must be >= 0, got " + oldSize);
    }
    proof = List.copyOf(proof);
    if (proof.size() > MAX_PROOF_LINES) {
      throw new IllegalArgumentException(
          "at most " + MAX_PROOF_LINES + " proof lines, got " + proof.size());
    }
    SignedNote.parse(note); // a request always carries a well-formed note
  }

  /** The request body. */
  public String encode() {
    StringBuilder b = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(h -> b.append(h.base64()).append('\n'));
    return b.append('\n').append(note).toString();
  }

  /** The parsed note. */
  public SignedNote signedNote() {
    return SignedNote.parse(note);
  }

  /** The checkpoint the note's text holds. */
  public Checkpoint checkpoint() {
    return Checkpoint.parseBody(signedNote().text());
  }

  /**
   * Parses a request body strictly; anything malformed (bad UTF-8, a size with a sign or leading
   * zeros, a proof line that is not one base64 hash, too many lines, a note that is not a
   * well-formed checkpoint) is an {@link IllegalArgumentException}.
   */
  public static AddCheckpointRequest parse(byte[] body) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("request is not UTF-8", e);
    }
    // Proof lines are never empty, so the first blank line ends them.
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalArgumentException("request has no blank line before the checkpoint");
    }
    String[] head = text.substring(0, blank).split("\n", -1);
    if (!head[0].startsWith("old ")) {
      throw new IllegalArgumentException("request must start with 'old <size>'");
    }
    String size = head[0].substring(4);
    if (!size.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException(
          "old size must be a decimal number without sign or leading zeros: '" + size + "'");
    }
    long oldSize;
    try {
      oldSize = Long.parseLong(size);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("old size is too large: " + size, e);
    }
    if (head.length - 1 > MAX_PROOF_LINES) {
      throw new IllegalArgumentException(
          "at most " + MAX_PROOF_LINES + " proof lines, got " + (head.length - 1));
    }
    List<Hash> proof = new ArrayList<>(head.length - 1);
    for (int i = 1; i < head.length; i++) {
      try {
        proof.add(Hash.fromBase64(head[i]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("proof line " + i + ": " + e.getMessage(), e);
      }
    }
    String note = text.substring(blank + 2);
    try {
      Checkpoint.parseBody(SignedNote.parse(note).text());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed checkpoint: " + e.getMessage(), e);
    }
    return new AddCheckpointRequest(oldSize, proof, note);
  }
}
