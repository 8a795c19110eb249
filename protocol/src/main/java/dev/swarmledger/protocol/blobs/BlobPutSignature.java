package dev.swarmledger.protocol.blobs;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;

/**
 * How an uploader authenticates {@code PUT /v1/blobs/{sha256}}: an Ed25519 signature by its account
 * key over {@code "swarmledger/blob-put/v1\n" + hex(sha256) + "\n" + decimal length}, sent with the
 * account id in two headers. The message names the content, so a replayed request can only store
 * the very bytes the uploader meant to store.
 */
public final class BlobPutSignature {
  public static final String SIGNING_DOMAIN = "swarmledger/blob-put/v1\n";

  /** Header carrying the uploader's account id (64 lowercase hex digits). */
  public static final String ACCOUNT_HEADER = "X-Swarm-Account";

  /** Header carrying the signature (canonical padded base64 of 64 bytes). */
  public static final String SIGNATURE_HEADER = "X-Swarm-Signature";

  private BlobPutSignature() {}

  /** The signed bytes for a blob of {@code length} bytes whose SHA-256 is {@code hash}. */
  public static byte[] message(Hash hash, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("a blob length is not negative, got " + length);
    }
    return (SIGNING_DOMAIN + hash.hex() + "\n" + length).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] sign(SigningKey key, Hash hash, long length) {
    return key.sign(message(hash, length));
  }

  /** True iff {@code signature} is {@code uploader}'s signature of this upload; never throws. */
  public static boolean verifies(PublicKey uploader, Hash hash, long length, byte[] signature) {
    return length >= 0 && uploader.verify(message(hash, length), signature);
  }
}
