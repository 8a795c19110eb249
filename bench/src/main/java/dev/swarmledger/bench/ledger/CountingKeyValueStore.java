package dev.swarmledger.bench.ledger;

import dev.swarmledger.node.storage.KeyValueStore;
import dev.swarmledger.node.storage.ScanVisitor;
import dev.swarmledger.node.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link KeyValueStore} that counts what the node asks of its engine: point reads (one per Merkle
 * node a proof needs), synced writes (one per group commit) and the time spent in them. It can also
 * keep the synced batches, so the same bytes can be written again to a fresh engine as the raw
 * baseline.
 */
final class CountingKeyValueStore implements KeyValueStore {
  private final KeyValueStore delegate;
  private final AtomicLong gets = new AtomicLong();
  private final AtomicLong syncedWrites = new AtomicLong();
  private final AtomicLong syncedWriteNanos = new AtomicLong();
  private final List<WriteBatch> recorded = new ArrayList<>();
  private volatile boolean recording;

  CountingKeyValueStore(KeyValueStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    gets.incrementAndGet();
    return delegate.get(key);
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    long started = System.nanoTime();
    delegate.write(batch, sync);
    if (sync) {
      syncedWriteNanos.addAndGet(System.nanoTime() - started);
      syncedWrites.incrementAndGet();
      if (recording) {
        synchronized (recorded) {
          recorded.add(batch);
        }
      }
    }
  }

  @Override
  public void scan(byte[] fromInclusive, byte[] toExclusive, ScanVisitor visitor) {
    delegate.scan(fromInclusive, toExclusive, visitor);
  }

  @Override
  public void close() {
    delegate.close();
  }

  long gets() {
    return gets.get();
  }

  long syncedWrites() {
    return syncedWrites.get();
  }

  long syncedWriteNanos() {
    return syncedWriteNanos.get();
  }

  /** Starts or stops keeping synced batches (they are immutable once handed to {@link #write}). */
  void recording(boolean on) {
    recording = on;
  }

  boolean isRecording() {
    return recording;
  }

  /** The synced batches kept while recording, in write order. */
  List<WriteBatch> recorded() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }
}
