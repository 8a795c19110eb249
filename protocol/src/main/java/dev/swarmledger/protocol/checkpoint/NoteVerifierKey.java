package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.Base64Strict;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A C2SP signed-note Ed25519 verifier key, {@code name+keyid+base64(0x01 || pubkey)}: what a client
 * pins to check a log's checkpoints.
 */
public final class NoteVerifierKey {
  static final byte ED25519 = 0x01;
  static final int KEY_ID_LENGTH = 4;

  private final String name;
  private final PublicKey publicKey;
  private final byte[] keyId;

  private NoteVerifierKey(String name, PublicKey publicKey) {
    this.name = name;
    this.publicKey = publicKey;
    this.keyId = keyId(name, publicKey);
  }

  public static NoteVerifierKey of(String name, PublicKey publicKey) {
    NoteText.checkName(name);
    Objects.requireNonNull(publicKey, "publicKey");
    return new NoteVerifierKey(name, publicKey);
  }

  /** Parses the text form; the key id must match the name and key it claims to identify. */
  public static NoteVerifierKey parse(String vkey) {
    if (vkey == null) {
      throw new IllegalArgumentException("verifier key is empty");
    }
    // The base64 key may itself contain '+': only the first two separate fields.
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("verifier key must be name+keyid+key, got: " + vkey);
    }
    String name = parts[0];
    NoteText.checkName(name);
    if (!parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException(
          "verifier key id must be 8 lowercase hex digits: " + parts[1]);
    }
    byte[] key = Base64Strict.decode(parts[2], "verifier key");
    if (key.length != 1 + PublicKey.LENGTH || key[0] != ED25519) {
      throw new IllegalArgumentException(
          "verifier key must be an Ed25519 key (algorithm byte 0x01 and 32 bytes)");
    }
    NoteVerifierKey parsed =
        new NoteVerifierKey(name, PublicKey.of(Arrays.copyOfRange(key, 1, key.length)));
    if (!HexFormat.of().formatHex(parsed.keyId).equals(parts[1])) {
      throw new IllegalArgumentException(
          "verifier key id " + parts[1] + " does not match its name and key");
    }
    return parsed;
  }

  /** SHA-256(name || 0x0A || 0x01 || pubkey)[:4], per the C2SP signed-note spec. */
  static byte[] keyId(String name, PublicKey publicKey) {
    byte[] hash =
        Hash.sha256(
                name.getBytes(StandardCharsets.UTF_8),
                new byte[] {'\n', ED25519},
                publicKey.bytes())
            .bytes();
    return Arrays.copyOf(hash, KEY_ID_LENGTH);
  }

  public String name() {
    return name;
  }

  /** The 4-byte key id (a copy). */
  public byte[] keyId() {
    return keyId.clone();
  }

  boolean hasKeyId(byte[] candidate) {
    return Arrays.equals(keyId, candidate);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String encode() {
    return VerifierKeyText.encode(name, keyId, ED25519, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifierKey other
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
