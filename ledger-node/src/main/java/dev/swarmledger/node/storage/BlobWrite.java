package dev.swarmledger.node.storage;

import java.nio.ByteBuffer;

/**
 * One blob being written: bytes go to a private place, then {@link #commit()} checks the declared
 * length and hash and publishes the blob atomically. Used by one thread at a time.
 */
public interface BlobWrite extends AutoCloseable {
  /**
   * Appends the remaining bytes of {@code bytes}; refuses ({@code blob_length_mismatch}) bytes
   * beyond the declared length, and the write is then dead.
   */
  void write(ByteBuffer bytes);

  /**
   * Checks the length ({@code blob_length_mismatch}) and SHA-256 ({@code blob_hash_mismatch}) and
   * publishes the blob. True when this write stored it; false when it was already stored.
   */
  boolean commit();

  /** Discards the bytes unless committed; safe to call twice. */
  @Override
  void close();
}
