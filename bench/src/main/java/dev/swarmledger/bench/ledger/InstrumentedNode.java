package dev.swarmledger.bench.ledger;

import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.log.Appended;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.log.Sequencer;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real {@link LedgerNode} whose engine is wrapped in a {@link CountingKeyValueStore} and whose
 * durable batches are counted through the node's batch observer.
 */
final class InstrumentedNode implements AutoCloseable {
  private final CountingKeyValueStore kv;
  private final LedgerNode node;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong leafBytes = new AtomicLong();
  private final List<Integer> batchSizes = new ArrayList<>();

  private InstrumentedNode(CountingKeyValueStore kv, NodeConfig config) {
    this.kv = kv;
    this.node = LedgerNode.start(config, kv, this::observe);
  }

  private void observe(List<Appended> batch) {
    batches.incrementAndGet();
    appended.addAndGet(batch.size());
    long bytes = 0;
    for (Appended a : batch) {
      bytes += a.leafBytes().length;
    }
    leafBytes.addAndGet(bytes);
    if (kv.isRecording()) {
      synchronized (batchSizes) {
        batchSizes.add(batch.size());
      }
    }
  }

  /** Opens (replaying what is stored) or creates the log in {@code config.dataDir()}. */
  static InstrumentedNode start(NodeConfig config) {
    Path dir = config.dataDir().orElseThrow().resolve("ledger");
    return new InstrumentedNode(new CountingKeyValueStore(RocksDbKeyValueStore.open(dir)), config);
  }

  String url() {
    return node.url();
  }

  Sequencer sequencer() {
    return node.sequencer();
  }

  LedgerLog log() {
    return node.log();
  }

  /** The node's snapshot writer (its data is on disk, so it has one unless snapshots are off). */
  dev.swarmledger.node.snapshot.Snapshotter snapshotter() {
    return node.snapshotter().orElseThrow();
  }

  CountingKeyValueStore store() {
    return kv;
  }

  /** Durable batches the sequencer reported (group commits), leaves in them, and their bytes. */
  Counts counts() {
    return new Counts(
        batches.get(), appended.get(), leafBytes.get(), kv.syncedWrites(), kv.syncedWriteNanos());
  }

  /** Sizes of the batches the sequencer made while the store was recording, in order. */
  List<Integer> recordedBatchSizes() {
    synchronized (batchSizes) {
      return List.copyOf(batchSizes);
    }
  }

  record Counts(
      long batches, long leaves, long leafBytes, long syncedWrites, long syncedWriteNanos) {
    Counts minus(Counts o) {
      return new Counts(
          batches - o.batches,
          leaves - o.leaves,
          leafBytes - o.leafBytes,
          syncedWrites - o.syncedWrites,
          syncedWriteNanos - o.syncedWriteNanos);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true; // the restart measurements close a node before its try block ends
      node.close();
    }
  }

  private boolean closed;
}
