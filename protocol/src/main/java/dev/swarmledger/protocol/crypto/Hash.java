package dev.swarmledger.protocol.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * A 32-byte SHA-256 digest: Merkle nodes, leaf hashes, checkpoint roots. Immutable, compared by
 * content.
 */
public final class Hash {
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps exactly 32 bytes (copied). */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static Hash sha256(byte[]... parts) {
    // The low-level digest avoids a JCA provider lookup per call; Merkle hashing calls this a lot.
    SHA256Digest digest = new SHA256Digest();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return new Hash(out);
  }

  /** Parses 64 hex digits (either case; {@link #hex()} always gives lowercase). */
  public static Hash fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a hash is " + 2 * LENGTH + " hex digits, got " + hex.length());
    }
    try {
      return new Hash(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex hash: " + e.getMessage(), e);
    }
  }

  /** Parses canonical standard base64 (with padding) of exactly 32 bytes. */
  public static Hash fromBase64(String base64) {
    return of(Base64Strict.decode(base64, "hash"));
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
