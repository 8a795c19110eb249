package dev.swarmledger.node.storage;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The blob storage port: content-addressed (SHA-256) blobs up to {@link #maxBlobBytes()} bytes. A
 * blob becomes visible only whole and verified: a write goes to a private place and is published by
 * {@link BlobWrite#commit()} once its length and hash match, so readers and crashes never see a
 * half-written blob. Refusals are {@link Rejection}s with the {@code blob_*} error codes.
 */
public interface BlobStore extends AutoCloseable {
  /** Largest blob this store accepts. */
  long maxBlobBytes();

  /**
   * Starts writing the blob {@code hash} of exactly {@code length} bytes; refuses a length over
   * {@link #maxBlobBytes()} ({@code blob_too_large}) before anything is written. Close the write
   * when done: an uncommitted write is discarded.
   */
  BlobWrite begin(Hash hash, long length);

  /** The blob's size and bytes, or empty when it is not stored. Close the stream. */
  Optional<BlobStream> get(Hash hash);

  boolean has(Hash hash);

  /** Removes the blob; false when it was not stored. */
  boolean delete(Hash hash);

  @Override
  void close();

  /**
   * Stores the blob read from {@code in}, which must hold exactly {@code length} bytes with SHA-256
   * {@code hash}. Reads at most {@code length + 1} bytes, so an over-long stream is refused without
   * being drained. True when stored now; false when it was already stored ({@code in} is then not
   * read).
   */
  default boolean put(Hash hash, InputStream in, long length) {
    if (has(hash)) {
      return false;
    }
    try (BlobWrite write = begin(hash, length)) {
      byte[] buf = new byte[64 * 1024];
      long budget = length + 1;
      while (budget > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, budget));
        if (n < 0) {
          break;
        }
        budget -= n;
        write.write(ByteBuffer.wrap(buf, 0, n));
      }
      return write.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("reading blob " + hash.hex(), e);
    }
  }

  /** The refusal of a blob longer than a store allows. */
  static Rejection tooLarge(long length, long max) {
    return new Rejection(
        ErrorCode.BLOB_TOO_LARGE,
        "blob of " + length + " bytes is larger than the limit of " + max + " bytes");
  }
}
