package dev.swarmledger.protocol.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 private key (RFC 8032), held as its 32-byte seed; signs transactions and checkpoints.
 */
public final class SigningKey {
  public static final int SEED_LENGTH = 32;

  private final Ed25519PrivateKeyParameters params;
  private final PublicKey publicKey;

  private SigningKey(Ed25519PrivateKeyParameters params) {
    this.params = params;
    this.publicKey = PublicKey.of(params.generatePublicKey().getEncoded());
  }

  /** A fresh key from {@code random}. */
  public static SigningKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return new SigningKey(new Ed25519PrivateKeyParameters(random));
  }

  /** The key whose RFC 8032 secret (seed) is these 32 bytes. */
  public static SigningKey fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "an Ed25519 seed is " + SEED_LENGTH + " bytes, got " + seed.length);
    }
    return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** A copy of the 32-byte seed; handle with care. */
  public byte[] seed() {
    return params.getEncoded();
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The 64-byte Ed25519 signature of {@code message} (deterministic, per RFC 8032). */
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    // A signer holds a message buffer, so each call gets its own: SigningKey stays thread-safe.
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, params);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Shows only the public half, so a key never leaks into a log line. */
  @Override
  public String toString() {
    return "SigningKey[public=" + publicKey.hex() + "]";
  }
}
