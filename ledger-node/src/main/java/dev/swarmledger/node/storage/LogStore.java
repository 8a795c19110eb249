package dev.swarmledger.node.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The log's storage port: contiguous leaves, stored Merkle node hashes, the latest signed
 * checkpoint and small metadata, over any {@link KeyValueStore}. One writer (the sequencer) and any
 * number of concurrent readers; readers never see anything beyond {@link #size()}.
 *
 * <p>Key layout (one-byte family prefix, then big-endian fixed-width integers, so that a family's
 * keys sort by index under the engines' unsigned byte order):
 *
 * <pre>
 *   'L' 0x4C | u64 index              -> leaf bytes
 *   'N' 0x4E | u8 level | u64 index   -> 32-byte node hash (level 0 = leaf hash)
 *   'C' 0x43                          -> latest checkpoint note bytes
 *   'Z' 0x5A                          -> size: u64 number of leaves
 *   'M' 0x4D | UTF-8 name             -> metadata value
 * </pre>
 *
 * Leaves, nodes, checkpoint and size of one {@link #append} go in one synced batch, so after a
 * crash they agree with each other.
 */
public final class LogStore {
  private static final byte LEAF = 'L';
  private static final byte NODE = 'N';
  private static final byte CHECKPOINT = 'C';
  private static final byte SIZE = 'Z';

  private static final byte[] CHECKPOINT_KEY = {CHECKPOINT};
  private static final byte[] SIZE_KEY = {SIZE};

  private final KeyValueStore kv;
  // Serialises writers, so the contiguity check and the write it guards are one step even if a
  // second thread writes by mistake.
  private final Object writeLock = new Object();
  // Size and checkpoint change together; one volatile reference keeps readers from seeing a
  // checkpoint for a size that size() does not report yet.
  private volatile Head head;

  /** Opens the log held in {@code kv}, reading its size and latest checkpoint. */
  public LogStore(KeyValueStore kv) {
    this.kv = Objects.requireNonNull(kv, "kv");
    long size = kv.get(SIZE_KEY).map(LogStore::decodeSize).orElse(0L);
    if (size > 0 && kv.get(leafKey(size - 1)).isEmpty()) {
      throw new StorageException(
          "stored size is " + size + " but leaf " + (size - 1) + " is missing");
    }
    if (kv.get(leafKey(size)).isPresent()) {
      throw new StorageException("stored size is " + size + " but leaf " + size + " exists");
    }
    this.head = new Head(size, kv.get(CHECKPOINT_KEY));
  }

  /** Number of leaves durably stored; leaf indices are {@code 0 .. size()-1}. */
  public long size() {
    return head.size();
  }

  /** The leaf at {@code index}, or empty if {@code index >= size()}. */
  public Optional<byte[]> leaf(long index) {
    requireNonNegative(index, "index");
    if (index >= size()) {
      return Optional.empty();
    }
    return kv.get(leafKey(index));
  }

  /**
   * The leaves {@code startInclusive .. endExclusive-1}, cut off at {@link #size()}, in one range
   * scan. Callers bound the page.
   */
  public List<byte[]> leaves(long startInclusive, long endExclusive) {
    requireNonNegative(startInclusive, "startInclusive");
    if (endExclusive < startInclusive) {
      throw new IllegalArgumentException(
          "endExclusive " + endExclusive + " is before startInclusive " + startInclusive);
    }
    long end = Math.min(endExclusive, size());
    if (startInclusive >= end) {
      return List.of();
    }
    if (end - startInclusive > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "range of " + (end - startInclusive) + " leaves is too large");
    }
    List<byte[]> leaves = new ArrayList<>((int) (end - startInclusive));
    kv.scan(
        leafKey(startInclusive),
        leafKey(end),
        (key, value) -> {
          long expected = startInclusive + leaves.size();
          long actual = ByteBuffer.wrap(key, 1, Long.BYTES).getLong();
          if (actual != expected) {
            throw new StorageException(
                "leaf " + expected + " is missing (next stored is " + actual + ")");
          }
          leaves.add(value);
          return true;
        });
    if (leaves.size() != end - startInclusive) {
      throw new StorageException("leaf " + (startInclusive + leaves.size()) + " is missing");
    }
    return leaves;
  }

  /**
   * The stored hash of the perfect subtree at ({@code level}, {@code index}), or empty if it was
   * never stored or the subtree is not complete within {@link #size()}.
   */
  public Optional<byte[]> node(int level, long index) {
    if (level < 0 || level > NodeWrite.MAX_LEVEL) {
      throw new IllegalArgumentException(
          "node level must be in 0.." + NodeWrite.MAX_LEVEL + ", got " + level);
    }
    requireNonNegative(index, "index");
    if (!completeWithin(level, index, size())) {
      return Optional.empty();
    }
    return kv.get(nodeKey(level, index));
  }

  /** The checkpoint stored with the latest append. */
  public Optional<byte[]> latestCheckpoint() {
    return head.checkpoint().map(byte[]::clone);
  }

  /**
   * Stores {@code leaves} at {@code firstIndex..}, the node hashes, the checkpoint and the new size
   * in one synced, atomic write; when it returns they are durable. The caller computes the hashes
   * and signs the checkpoint; this class only refuses what cannot be right.
   *
   * @throws IllegalStateException if {@code firstIndex != size()}: indices are contiguous and never
   *     reused
   * @throws IllegalArgumentException if a node's subtree does not lie within the new size
   * @throws StorageException if the write failed; {@link #size()} is then unchanged
   */
  public void append(
      long firstIndex, List<byte[]> leaves, List<NodeWrite> nodes, byte[] checkpoint) {
    Objects.requireNonNull(leaves, "leaves");
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(checkpoint, "checkpoint");
    synchronized (writeLock) {
      long size = size();
      if (firstIndex != size) {
        throw new IllegalStateException(
            "append at index " + firstIndex + " refused: the log holds " + size + " leaves");
      }
      long newSize = size + leaves.size();
      WriteBatch batch = new WriteBatch();
      long index = firstIndex;
      for (byte[] leaf : leaves) {
        batch.put(leafKey(index++), Objects.requireNonNull(leaf, "leaf"));
      }
      for (NodeWrite node : nodes) {
        Objects.requireNonNull(node, "node");
        if (!completeWithin(node.level(), node.index(), newSize)) {
          throw new IllegalArgumentException(
              node + " is not a complete subtree of a log of " + newSize + " leaves");
        }
        batch.put(nodeKey(node.level(), node.index()), node.hash());
      }
      byte[] checkpointCopy = checkpoint.clone();
      batch.put(CHECKPOINT_KEY, checkpointCopy);
      batch.put(SIZE_KEY, ByteBuffer.allocate(Long.BYTES).putLong(newSize).array());
      kv.write(batch, true);
      head = new Head(newSize, Optional.of(checkpointCopy));
    }
  }

  private static boolean completeWithin(int level, long index, long size) {
    // (index + 1) * 2^level <= size, written so that nothing overflows.
    return index < (size >>> level);
  }

  private static byte[] leafKey(long index) {
    return ByteBuffer.allocate(1 + Long.BYTES).put(LEAF).putLong(index).array();
  }

  private static byte[] nodeKey(int level, long index) {
    return ByteBuffer.allocate(2 + Long.BYTES).put(NODE).put((byte) level).putLong(index).array();
  }

  private static long decodeSize(byte[] stored) {
    if (stored.length != Long.BYTES) {
      throw new StorageException("stored size has " + stored.length + " bytes, expected 8");
    }
    long size = ByteBuffer.wrap(stored).getLong();
    if (size < 0) {
      throw new StorageException("stored size is negative: " + size);
    }
    return size;
  }

  private static void requireNonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }

  /** What readers see atomically: the size and the checkpoint written with it. */
  private record Head(long size, Optional<byte[]> checkpoint) {}
}
