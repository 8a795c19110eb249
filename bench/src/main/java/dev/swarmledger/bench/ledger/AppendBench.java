package dev.swarmledger.bench.ledger;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import dev.swarmledger.node.storage.WriteBatch;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends per second through HTTP ({@code POST /v1/tx} with {@link LedgerClient#submit}) with N
 * concurrent clients, and, right after each run, the raw RocksDB synced-batch rate for the same
 * leaf size and the batch size the sequencer achieved, in a fresh directory on the same disk.
 */
final class AppendBench {
  /** One concurrency level: the node's figures and its baselines. */
  record Result(
      int clients,
      long txs,
      double seconds,
      double httpRate,
      long errors,
      double meanBatch,
      int medianBatch,
      int maxBatch,
      double meanLeafBytes,
      double meanSyncMillis,
      double sequencerSyncShare,
      Latencies.Summary submitLatency,
      double rawRate,
      double rawFirst,
      double rawSecond,
      int rawBatch,
      double replayRate,
      Map<String, Double> cpu,
      Map<String, Double> sequencerProfile) {
    double ratio() {
      return httpRate / rawRate;
    }
  }

  /** What LedgerNode.start (not the instrumented wiring) achieved, as a control. */
  record Control(String how, int clients, double rate, double seconds, Map<String, Double> cpu) {}

  private final Path work;
  private final Duration warmup;
  private final Duration measure;
  private final Duration baseline;
  private final SigningKey operator;
  private int runs;

  AppendBench(
      Path work, Duration warmup, Duration measure, Duration baseline, SigningKey operator) {
    this.work = work;
    this.warmup = warmup;
    this.measure = measure;
    this.baseline = baseline;
    this.operator = operator;
  }

  /** One leaf per synced batch: what each append would cost without group commit. */
  double singleLeafRate(int leafBytes, double syncsPerSecondGuess) {
    int batches = (int) Math.max(50, Math.min(20_000, syncsPerSecondGuess * seconds(baseline)));
    return RocksDbKeyValueStore.measureSyncedBatchRate(
        scratch("raw-single"), batches, 1, leafBytes);
  }

  /**
   * Pre-signs enough transactions for warm-up plus measurement at {@code expectedRate} (with
   * margin), runs {@code clients} threads against a fresh instrumented node, then measures the
   * baselines for the batch size it achieved.
   */
  Result run(int clients, double expectedRate) {
    int pool = poolSize(expectedRate);
    String prefix = "c" + clients + "r" + (runs++);
    Tx[] txs = SignedTxs.registrations(prefix, pool, 7 + clients);
    Path dir = scratch("node-" + prefix);
    NodeConfig config = NodeConfig.of(Optional.of(dir), "127.0.0.1", 0, operator);
    Window w;
    Map<String, Double> profile;
    try (InstrumentedNode node = InstrumentedNode.start(config)) {
      LedgerClient client = new LedgerClient(node.url(), 1);
      try (StackSampler sampler = StackSampler.of("sequencer", 20)) {
        w = drive(clients, txs, client::submit, node);
        profile = sampler.shares();
      }
    }
    InstrumentedNode.Counts c = w.counts;
    double meanBatch = c.leaves() / (double) Math.max(1, c.batches());
    double meanLeafBytes = c.leafBytes() / (double) Math.max(1, c.leaves());
    double syncsPerSecond = c.syncedWrites() / w.seconds;
    int rawBatch = (int) Math.max(1, Math.round(meanBatch));
    int rawBatches = (int) Math.max(50, Math.min(20_000, syncsPerSecond * seconds(baseline)));
    double rawAfter =
        RocksDbKeyValueStore.measureSyncedBatchRate(
            scratch("raw-" + prefix), rawBatches, rawBatch, (int) Math.round(meanLeafBytes));
    double replay = replay(w.batches, meanBatch);
    // A shared disk's fsync time drifts; the same baseline once more, after the replay, and the
    // mean of both is what the ratio uses.
    double rawLater =
        RocksDbKeyValueStore.measureSyncedBatchRate(
            scratch("raw2-" + prefix), rawBatches, rawBatch, (int) Math.round(meanLeafBytes));
    double raw = (rawAfter + rawLater) / 2;
    Latencies.Summary latency = w.latencies.summary();
    return new Result(
        clients,
        w.completed,
        w.seconds,
        w.completed / w.seconds,
        w.errors,
        meanBatch,
        percentile(w.batchSizes, 0.5),
        percentile(w.batchSizes, 1.0),
        meanLeafBytes,
        c.syncedWriteNanos() / 1e6 / Math.max(1, c.syncedWrites()),
        c.syncedWriteNanos() / 1e9 / w.seconds,
        latency,
        raw,
        rawAfter,
        rawLater,
        rawBatch,
        replay,
        w.cpu,
        profile);
  }

  /**
   * The same load against {@link LedgerNode#start}, to show the instrumented wiring costs nothing.
   */
  Control control(int clients, double expectedRate) {
    int pool = poolSize(expectedRate);
    String prefix = "control" + clients + "r" + (runs++);
    Tx[] txs = SignedTxs.registrations(prefix, pool, 1000 + clients);
    Path dir = scratch("node-" + prefix);
    try (LedgerNode node =
        LedgerNode.start(NodeConfig.of(Optional.of(dir), "127.0.0.1", 0, operator))) {
      Window w = drive(clients, txs, new LedgerClient(node.url(), 1)::submit, null);
      return new Control(
          "LedgerNode.start, HTTP", clients, w.completed / w.seconds, w.seconds, w.cpu);
    }
  }

  /**
   * The same load submitted in-process to the instrumented node's sequencer (no HTTP, no JSON
   * decoding of requests): what the log core alone sustains, to split the cost.
   */
  Control inProcess(int clients, double expectedRate) {
    int pool = poolSize(expectedRate);
    String prefix = "direct" + clients + "r" + (runs++);
    Tx[] txs = SignedTxs.registrations(prefix, pool, 2000 + clients);
    Path dir = scratch("node-" + prefix);
    try (InstrumentedNode node =
        InstrumentedNode.start(NodeConfig.of(Optional.of(dir), "127.0.0.1", 0, operator))) {
      Window w = drive(clients, txs, tx -> node.sequencer().submit(tx).join(), node);
      return new Control(
          "in-process Sequencer.submit, no HTTP",
          clients,
          w.completed / w.seconds,
          w.seconds,
          w.cpu);
    }
  }

  /** Runs the HTTP path once, untimed, so that the first reported run does not pay for the JIT. */
  void warmUp(int clients, double expectedRate, Duration duration) {
    String prefix = "warmup" + (runs++);
    Tx[] txs =
        SignedTxs.registrations(
            prefix, (int) Math.max(500, expectedRate * seconds(duration)), 3000);
    Path dir = scratch("node-" + prefix);
    try (InstrumentedNode node =
        InstrumentedNode.start(NodeConfig.of(Optional.of(dir), "127.0.0.1", 0, operator))) {
      LedgerClient client = new LedgerClient(node.url(), 1);
      Thread[] threads = new Thread[clients];
      AtomicInteger next = new AtomicInteger();
      long end = System.nanoTime() + duration.toNanos();
      for (int t = 0; t < clients; t++) {
        threads[t] =
            new Thread(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < txs.length && System.nanoTime() < end;
                      i = next.getAndIncrement()) {
                    client.submit(txs[i]);
                  }
                },
                "bench-client-warmup-" + t);
        threads[t].start();
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private int poolSize(double expectedRate) {
    return (int)
        Math.min(
            200_000, Math.max(2_000, expectedRate * 1.3 * (seconds(warmup) + seconds(measure))));
  }

  private record Window(
      long completed,
      double seconds,
      long errors,
      InstrumentedNode.Counts counts,
      List<Integer> batchSizes,
      List<WriteBatch> batches,
      Latencies latencies,
      Map<String, Double> cpu) {}

  /**
   * Runs {@code clients} threads that each submit one transaction at a time, each waiting for its
   * durable answer. Only what completes between the end of warm-up and the end of measurement (or
   * the moment the pre-signed pool runs out) counts.
   */
  private interface Submitter {
    void submit(Tx tx);
  }

  private Window drive(int clients, Tx[] txs, Submitter client, InstrumentedNode node) {
    AtomicInteger next = new AtomicInteger();
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients);
    long started = System.nanoTime();
    long measureFrom = started + warmup.toNanos();
    long measureTo = measureFrom + measure.toNanos();
    List<Latencies> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      Latencies mine = new Latencies();
      perThread.add(mine);
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int i = next.getAndIncrement(); i < txs.length; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                      break;
                    }
                    try {
                      client.submit(txs[i]);
                      long t1 = System.nanoTime();
                      completed.incrementAndGet();
                      if (t0 >= measureFrom && t1 <= measureTo) {
                        mine.add(t1 - t0);
                      }
                    } catch (RuntimeException e) {
                      errors.incrementAndGet();
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "bench-client-" + t);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    sleepUntil(measureFrom, next, txs.length);
    long c0 = completed.get();
    long e0 = errors.get();
    long t0 = System.nanoTime();
    InstrumentedNode.Counts n0 = node == null ? null : node.counts();
    ThreadCpu.Snapshot cpu0 = ThreadCpu.snapshot();
    if (node != null) {
      node.store().recording(true);
    }
    sleepUntil(measureTo, next, txs.length);
    long c1 = completed.get();
    long e1 = errors.get();
    long t1 = System.nanoTime();
    InstrumentedNode.Counts n1 = node == null ? null : node.counts();
    ThreadCpu.Snapshot cpu1 = ThreadCpu.snapshot();
    List<WriteBatch> batches = List.of();
    List<Integer> batchSizes = List.of();
    if (node != null) {
      node.store().recording(false);
      batches = node.store().recorded();
      batchSizes = node.recordedBatchSizes();
    }
    if (next.get() >= txs.length && t1 < measureTo) {
      System.err.printf(
          "  note: the pre-signed pool (%d txs) ran out after %.1f s of measurement%n",
          txs.length, (t1 - t0) / 1e9);
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Latencies all = new Latencies();
    perThread.forEach(all::addAll);
    return new Window(
        c1 - c0,
        (t1 - t0) / 1e9,
        e1 - e0,
        n1 == null ? null : n1.minus(n0),
        batchSizes,
        batches,
        all,
        ThreadCpu.shares(cpu0, cpu1, t1 - t0));
  }

  /** Writes the batches the node synced during measurement to a fresh engine, synced, in order. */
  private double replay(List<WriteBatch> batches, double leavesPerBatch) {
    if (batches.isEmpty()) {
      return 0;
    }
    List<WriteBatch> some = batches;
    long budget = baseline.toNanos();
    try (RocksDbKeyValueStore kv = RocksDbKeyValueStore.open(scratch("replay"))) {
      long started = System.nanoTime();
      int written = 0;
      for (WriteBatch b : some) {
        kv.write(b, true);
        written++;
        if (System.nanoTime() - started > budget) {
          break;
        }
      }
      double elapsed = (System.nanoTime() - started) / 1e9;
      return written * leavesPerBatch / elapsed;
    }
  }

  private static int percentile(List<Integer> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Integer> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static void sleepUntil(long deadline, AtomicInteger next, int poolSize) {
    while (System.nanoTime() < deadline && next.get() < poolSize) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Path scratch(String name) {
    return work.resolve(name);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
