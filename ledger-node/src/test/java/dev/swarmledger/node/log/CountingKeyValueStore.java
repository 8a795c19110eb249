package dev.swarmledger.node.log;

import dev.swarmledger.node.storage.KeyValueStore;
import dev.swarmledger.node.storage.ScanVisitor;
import dev.swarmledger.node.storage.WriteBatch;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link KeyValueStore} decorator that counts durable (synced) writes and can hold the next one
 * until released, so a test can pile submissions up behind an fsync without timing anything.
 */
final class CountingKeyValueStore implements KeyValueStore {
  /** A hold on the next synced write: {@link #entered} opens when the writer is waiting. */
  record Gate(CountDownLatch entered, CountDownLatch release) {
    void awaitEntered() throws InterruptedException {
      if (!entered.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("no synced write arrived within 30 s");
      }
    }

    void open() {
      release.countDown();
    }
  }

  private final KeyValueStore delegate;
  private final AtomicInteger syncedWrites = new AtomicInteger();
  private final AtomicReference<Gate> gate = new AtomicReference<>();

  CountingKeyValueStore(KeyValueStore delegate) {
    this.delegate = delegate;
  }

  int syncedWrites() {
    return syncedWrites.get();
  }

  /** Makes the next synced write wait until the returned gate is opened. */
  Gate holdNextSyncedWrite() {
    Gate g = new Gate(new CountDownLatch(1), new CountDownLatch(1));
    if (!gate.compareAndSet(null, g)) {
      throw new IllegalStateException("a write is already held");
    }
    return g;
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    return delegate.get(key);
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    if (sync) {
      syncedWrites.incrementAndGet();
      Gate g = gate.getAndSet(null);
      if (g != null) {
        g.entered().countDown();
        try {
          if (!g.release().await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("held write was never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    delegate.write(batch, sync);
  }

  @Override
  public void scan(byte[] fromInclusive, byte[] toExclusive, ScanVisitor visitor) {
    delegate.scan(fromInclusive, toExclusive, visitor);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
