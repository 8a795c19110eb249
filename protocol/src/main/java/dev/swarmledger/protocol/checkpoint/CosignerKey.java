package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.Base64Strict;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The public key of a witness that signs C2SP tlog-cosignature {@code cosignature/v1} (Ed25519)
 * cosignatures: text form {@code name+keyid+base64(0x04 || pubkey)}, key id SHA-256(name || 0x0A ||
 * 0x04 || pubkey)[:4]. What an auditor pins to count a witness towards its quorum.
 */
public final class CosignerKey {
  static final byte COSIGNATURE_V1 = 0x04;

  /** Bytes after the key id in a cosignature line: a big-endian u64 timestamp and the signature. */
  static final int SIGNATURE_BLOB = Long.BYTES + PublicKey.SIGNATURE_LENGTH;

  private final String name;
  private final PublicKey publicKey;
  private final byte[] keyId;

  private CosignerKey(String name, PublicKey publicKey) {
    this.name = name;
    this.publicKey = publicKey;
    byte[] hash =
        Hash.sha256(
                name.getBytes(StandardCharsets.UTF_8),
                new byte[] {'\n', COSIGNATURE_V1},
                publicKey.bytes())
            .bytes();
    this.keyId = Arrays.copyOf(hash, NoteVerifierKey.KEY_ID_LENGTH);
  }

  public static CosignerKey of(String name, PublicKey publicKey) {
    NoteText.checkName(name);
    return new CosignerKey(name, Objects.requireNonNull(publicKey, "publicKey"));
  }

  /** Parses the text form; the key id must match the name and key it claims to identify. */
  public static CosignerKey parse(String vkey) {
    if (vkey == null) {
      throw new IllegalArgumentException("witness key is empty");
    }
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("witness key must be name+keyid+key, got: " + vkey);
    }
    NoteText.checkName(parts[0]);
    if (!parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "witness key id must be 8 lowercase hex digits: " + parts[1]);
    }
    byte[] key = Base64Strict.decode(parts[2], "witness key");
    if (key.length != 1 + PublicKey.LENGTH || key[0] != COSIGNATURE_V1) {
      throw new IllegalArgumentException(
          "witness key must be a cosignature/v1 key (type byte 0x04 and 32 Ed25519 bytes)");
    }
    CosignerKey parsed =
        new CosignerKey(parts[0], PublicKey.of(Arrays.copyOfRange(key, 1, key.length)));
    if (!HexFormat.of().formatHex(parsed.keyId).equals(parts[1])) {
      throw new IllegalArgumentException(
          "witness key id " + parts[1] + " does not match its name and key");
    }
    return parsed;
  }

  /**
   * The message a cosignature/v1 signs: {@code "cosignature/v1\ntime <t>\n"} followed by the whole
   * checkpoint text (every line up to, not including, the blank line before the signatures).
   */
  static byte[] message(String checkpointText, long timestamp) {
    return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The timestamp of this witness's valid cosignature on {@code note}, or empty when the note
   * carries none (lines by other keys are ignored; a line by this key that fails to verify counts
   * as none).
   */
  public OptionalLong cosignature(SignedNote note) {
    for (SignedNote.Signature s : note.signatures()) {
      if (!s.name().equals(name) || !Arrays.equals(s.keyId(), keyId)) {
        continue;
      }
      byte[] blob = s.signature();
      if (blob.length != SIGNATURE_BLOB) {
        return OptionalLong.empty();
      }
      long timestamp = ByteBuffer.wrap(blob, 0, Long.BYTES).getLong();
      if (timestamp < 0) {
        return OptionalLong.empty(); // above 2^63 - 1, which the spec forbids
      }
      byte[] signature = Arrays.copyOfRange(blob, Long.BYTES, blob.length);
      return publicKey.verify(message(note.text(), timestamp), signature)
          ? OptionalLong.of(timestamp)
          : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  public String name() {
    return name;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The 4-byte key id (a copy). */
  public byte[] keyId() {
    return keyId.clone();
  }

  public String encode() {
    return VerifierKeyText.encode(name, keyId, COSIGNATURE_V1, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosignerKey other
        && name.equals(other.name)
        && publicKey.equals(other.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, publicKey);
  }

  @Override
  public String toString() {
    return encode();
  }
}
