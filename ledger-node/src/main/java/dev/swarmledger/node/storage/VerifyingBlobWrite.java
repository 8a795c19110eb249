package dev.swarmledger.node.storage;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The part of a {@link BlobWrite} both engines share: counts and hashes the bytes as they pass,
 * refuses any beyond the declared length, and checks length and hash before the engine publishes.
 */
abstract class VerifyingBlobWrite implements BlobWrite {
  private final Hash hash;
  private final long length;
  private final MessageDigest digest;
  private long written;
  private boolean done;

  VerifyingBlobWrite(Hash hash, long length) {
    this.hash = hash;
    this.length = length;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Keeps {@code bytes} (all remaining) in the engine's private place. */
  abstract void store(ByteBuffer bytes);

  /** Publishes the verified bytes; true when stored now, false when the blob already was. */
  abstract boolean publish();

  /** Forgets the private bytes. */
  abstract void discard();

  final Hash hash() {
    return hash;
  }

  @Override
  public final void write(ByteBuffer bytes) {
    if (done) {
      throw new IllegalStateException("blob write already finished");
    }
    int n = bytes.remaining();
    if (n > length - written) {
      close();
      throw new Rejection(
          ErrorCode.BLOB_LENGTH_MISMATCH,
          "blob " + hash.hex() + " is longer than its declared " + length + " bytes");
    }
    digest.update(bytes.duplicate());
    store(bytes);
    written += n;
  }

  @Override
  public final boolean commit() {
    if (done) {
      throw new IllegalStateException("blob write already finished");
    }
    try {
      if (written != length) {
        throw new Rejection(
            ErrorCode.BLOB_LENGTH_MISMATCH,
            "blob has " + written + " bytes, not the declared " + length);
      }
      Hash actual = Hash.of(digest.digest());
      if (!actual.equals(hash)) {
        throw new Rejection(
            ErrorCode.BLOB_HASH_MISMATCH,
            "content hashes to " + actual.hex() + ", not " + hash.hex());
      }
      boolean stored = publish();
      done = true;
      return stored;
    } finally {
      close();
    }
  }

  @Override
  public final void close() {
    if (!done) {
      done = true;
      discard();
    }
  }
}
