package dev.swarmledger.node.storage;

import java.util.Optional;

/**
 * Byte-level key-value engine under {@link LogStore}: point reads, atomic batches and ordered range
 * scans. Keys are ordered unsigned-lexicographically (0x01 before 0xFF, a prefix before its
 * extensions). Implementations are thread-safe; every operation after {@link #close()} throws
 * {@link IllegalStateException}.
 */
public interface KeyValueStore extends AutoCloseable {

  /** The value stored under {@code key}, as an array the caller owns. */
  Optional<byte[]> get(byte[] key);

  /**
   * Applies every operation of {@code batch} in order, all or nothing; readers never see part of
   * it. With {@code sync} the batch is durable (write-ahead log fsync'd) when this returns.
   *
   * @throws StorageException if the engine could not write; whether the batch is then visible is
   *     unknown, but it is never partly visible.
   */
  void write(WriteBatch batch, boolean sync);

  /**
   * Visits the entries with {@code fromInclusive <= key < toExclusive} in ascending unsigned order,
   * as of one consistent point in time, until the visitor returns false.
   */
  void scan(byte[] fromInclusive, byte[] toExclusive, ScanVisitor visitor);

  @Override
  void close();
}
