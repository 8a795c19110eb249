package dev.swarmledger.protocol.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 public key; its lowercase hex form is a SwarmLedger account id. */
public final class PublicKey {
  public static final int LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 64;

  private final byte[] bytes;
  // Set at construction for every key from outside; a restored key decodes it on first use.
  private volatile Ed25519PublicKeyParameters params;

  private PublicKey(byte[] bytes) {
    this.bytes = bytes;
    this.params = parse(bytes);
  }

  private PublicKey(byte[] bytes, boolean restored) {
    this.bytes = bytes;
  }

  private static Ed25519PublicKeyParameters parse(byte[] bytes) {
    try {
      // Bouncy Castle checks the encoding is a point on the curve, so an account id is always
      // usable.
      return new Ed25519PublicKeyParameters(bytes, 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key", e);
    }
  }

  /**
   * Wraps 32 bytes (copied) that were checked as a key before and were read back from storage that
   * vouches for them (a checksummed state snapshot). The curve check, which costs more than all the
   * rest of reading a snapshot's account, waits for the first {@link #verify}; a key that fails it
   * then verifies nothing.
   */
  public static PublicKey restored(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new PublicKey(bytes.clone(), true);
  }

  /** Wraps 32 bytes (copied); rejects encodings that are not a curve point. */
  public static PublicKey of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new PublicKey(bytes.clone());
  }

  /** Parses an account id: exactly 64 lowercase hex digits. */
  public static PublicKey fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a public key is "
              + 2 * LENGTH
              + " lowercase hex digits, got "
              + hex.length()
              + " characters");
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        // One account must have one id: uppercase would be a second spelling of the same key.
        throw new IllegalArgumentException(
            "a public key is lowercase hex; bad character '" + c + "' at position " + i);
      }
    }
    return new PublicKey(HexFormat.of().parseHex(hex));
  }

  /** The account id: 64 lowercase hex digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** True iff {@code signature} is a valid Ed25519 signature of {@code message}; never throws. */
  public boolean verify(byte[] message, byte[] signature) {
    if (message == null || signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      Ed25519PublicKeyParameters p = params;
      if (p == null) {
        p = parse(bytes);
        params = p;
      }
      // A signer holds a message buffer, so each call gets its own: PublicKey stays thread-safe.
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, p);
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(bytes, other.bytes);
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
