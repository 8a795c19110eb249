package dev.swarmledger.node.snapshot;

import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.protocol.state.LedgerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Writes snapshots of a live log by its {@link SnapshotPolicy}, off the sequencer's thread: the
 * sequencer only reports sizes; the snapshot thread copies the state under the log's read lock (the
 * records are immutable, so the copy is of the maps), then encodes, checksums and stores it while
 * appends go on. One snapshot at a time; a failed one is logged and retried at the next trigger.
 */
public final class Snapshotter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Snapshotter.class.getName());

  private final LedgerLog log;
  private final SnapshotStore store;
  private final SnapshotPolicy policy;
  private final Clock clock;
  private final ExecutorService thread;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile long lastSize;
  private volatile Instant lastTime;

  public Snapshotter(LedgerLog log, SnapshotStore store, SnapshotPolicy policy, Clock clock) {
    this.log = log;
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    store.removeLeftovers();
    this.lastSize = store.sizes().stream().findFirst().orElse(0L);
    this.lastTime = Instant.now(clock);
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "snapshot");
              t.setDaemon(true);
              return t;
            });
  }

  /** Told the log's size after each durable batch (on the sequencer thread): cheap. */
  public void appended(long size) {
    if (policy.due(size - lastSize, Duration.between(lastTime, Instant.now(clock)))
        && busy.compareAndSet(false, true)) {
      thread.execute(this::writeNow);
    }
  }

  private void writeNow() {
    try {
      snapshot();
    } catch (RuntimeException e) {
      LOG.warning("snapshot failed: " + e.getMessage());
    } finally {
      busy.set(false);
    }
  }

  /** Writes a snapshot of the current state now, on the calling thread; returns its size. */
  public synchronized long snapshot() {
    LedgerState copy = log.read(LedgerState::copy);
    long size = copy.size();
    if (size == 0) {
      return 0;
    }
    store.write(copy, log.rootAt(size), policy.keep());
    lastSize = size;
    lastTime = Instant.now(clock);
    return size;
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
