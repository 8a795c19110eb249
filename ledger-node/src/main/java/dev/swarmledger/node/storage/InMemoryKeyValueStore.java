package dev.swarmledger.node.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A volatile {@link KeyValueStore} for tests and throw-away nodes; nothing survives the process,
 * and {@code sync} is meaningless.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final ConcurrentSkipListMap<byte[], byte[]> entries =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

  // A single get cannot observe half a batch, but a scan could: scans take the read side while
  // they snapshot the range, batches take the write side.
  private final ReadWriteLock batchLock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  @Override
  public Optional<byte[]> get(byte[] key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    byte[] value = entries.get(key);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    Objects.requireNonNull(batch, "batch");
    batchLock.writeLock().lock();
    try {
      ensureOpen();
      // The batch copied its arrays on the way in and never changes them; sharing them is safe
      // because this store hands out copies only.
      batch.applyTo(
          new WriteBatch.Target() {
            @Override
            public void put(byte[] key, byte[] value) {
              entries.put(key, value);
            }

            @Override
            public void delete(byte[] key) {
              entries.remove(key);
            }
          });
    } finally {
      batchLock.writeLock().unlock();
    }
  }

  @Override
  public void scan(byte[] fromInclusive, byte[] toExclusive, ScanVisitor visitor) {
    Objects.requireNonNull(fromInclusive, "fromInclusive");
    Objects.requireNonNull(toExclusive, "toExclusive");
    Objects.requireNonNull(visitor, "visitor");
    if (Arrays.compareUnsigned(fromInclusive, toExclusive) >= 0) {
      ensureOpen();
      return;
    }
    // Snapshot references under the lock, visit outside it: the visitor may then read or write
    // this store (as it may with RocksDB's iterators) without deadlocking against a batch.
    List<Map.Entry<byte[], byte[]>> snapshot;
    batchLock.readLock().lock();
    try {
      ensureOpen();
      snapshot =
          new ArrayList<>(entries.subMap(fromInclusive, true, toExclusive, false).entrySet());
    } finally {
      batchLock.readLock().unlock();
    }
    for (Map.Entry<byte[], byte[]> entry : snapshot) {
      if (!visitor.visit(entry.getKey().clone(), entry.getValue().clone())) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("key-value store is closed");
    }
  }
}
