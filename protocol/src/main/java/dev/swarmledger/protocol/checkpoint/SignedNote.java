package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.Base64Strict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A parsed C2SP signed note: text plus signature lines, checked against verifier keys on demand.
 */
public final class SignedNote {
  /** The C2SP limit on signature lines, which bounds the work a hostile note can cause. */
  public static final int MAX_SIGNATURES = 100;

  private final String text;
  private final List<Signature> signatures;

  private SignedNote(String text, List<Signature> signatures) {
    this.text = text;
    this.signatures = List.copyOf(signatures);
  }

  /** One signature line: key name, 4-byte key id, signature bytes (algorithm-specific length). */
  public record Signature(String name, byte[] keyId, byte[] signature) {
    public Signature {
      NoteText.checkName(name);
      if (keyId.length != NoteVerifierKey.KEY_ID_LENGTH) {
        throw new IllegalArgumentException("key id must be 4 bytes, got " + keyId.length);
      }
      if (signature.length == 0) {
        throw new IllegalArgumentException("signature must not be empty");
      }
      keyId = keyId.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] keyId() {
      return keyId.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    /** The line as it appears in a note, newline included. */
    public String line() {
      byte[] blob = new byte[keyId.length + signature.length];
      System.arraycopy(keyId, 0, blob, 0, keyId.length);
      System.arraycopy(signature, 0, blob, keyId.length, signature.length);
      return NoteText.SIGNATURE_PREFIX
          + name
          + " "
          + Base64.getEncoder().encodeToString(blob)
          + "\n";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature other
          && name.equals(other.name)
          && Arrays.equals(keyId, other.keyId)
          && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, Arrays.hashCode(keyId), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      return line().strip();
    }
  }

  /** Parses a note strictly; anything malformed is an {@link IllegalArgumentException}. */
  public static SignedNote parse(String note) {
    if (note == null || note.isEmpty()) {
      throw new IllegalArgumentException("signed note is empty");
    }
    NoteText.checkCharacters(note, "signed note");
    // Signature lines never contain a blank line, so the last one separates text from signatures.
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException("signed note has no blank line before its signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty()) {
      throw new IllegalArgumentException("signed note has no signature lines");
    }
    if (!block.endsWith("\n")) {
      throw new IllegalArgumentException("signed note must end with a newline");
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "signed note has " + lines.length + " signatures, more than " + MAX_SIGNATURES);
    }
    List<Signature> signatures = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      Signature signature = parseLine(lines[i], i + 1);
      if (signatures.stream()
          .anyMatch(
              s -> s.name().equals(signature.name()) && Arrays.equals(s.keyId, signature.keyId))) {
        // Two signatures by one key are ambiguous (which one counts?), so the note is refused.
        throw new IllegalArgumentException(
            "signature line " + (i + 1) + " repeats key " + signature.name());
      }
      signatures.add(signature);
    }
    return new SignedNote(text, signatures);
  }

  private static Signature parseLine(String line, int number) {
    String where = "signature line " + number;
    if (!line.startsWith(NoteText.SIGNATURE_PREFIX)) {
      throw new IllegalArgumentException(where + " must start with an em dash and a space");
    }
    String rest = line.substring(NoteText.SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new IllegalArgumentException(where + " must be '\u2014 name signature'");
    }
    String name = rest.substring(0, space);
    try {
      NoteText.checkName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
    byte[] blob = Base64Strict.decode(rest.substring(space + 1), where);
    if (blob.length <= NoteVerifierKey.KEY_ID_LENGTH) {
      throw new IllegalArgumentException(where + " is too short to hold a key id and a signature");
    }
    return new Signature(
        name,
        Arrays.copyOf(blob, NoteVerifierKey.KEY_ID_LENGTH),
        Arrays.copyOfRange(blob, NoteVerifierKey.KEY_ID_LENGTH, blob.length));
  }

  /** The signed text, ending with a newline. */
  public String text() {
    return text;
  }

  public List<Signature> signatures() {
    return signatures;
  }

  /**
   * True iff the note carries a signature with this key's name and key id and it verifies over the
   * text. Signatures by other keys are ignored.
   */
  public boolean verifiedBy(NoteVerifierKey key) {
    if (key == null) {
      return false;
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    for (Signature signature : signatures) {
      if (signature.name().equals(key.name()) && key.hasKeyId(signature.keyId)) {
        return key.publicKey().verify(message, signature.signature);
      }
    }
    return false;
  }
}
