package dev.swarmledger.bench.ledger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A poor man's profiler for one thread: samples its stack at a fixed rate and sorts each sample
 * into the first matching category of what the sequencer spends its time on. Stack sampling through
 * ThreadMXBean is safepoint-biased; the categories are coarse enough for that not to matter.
 */
final class StackSampler implements AutoCloseable {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Frame (class prefix + "#" + method prefix) → category, checked in this order. */
  private static final String[][] CATEGORIES = {
    {"org.rocksdb.RocksDB#write", "RocksDB synced write (WAL append + fsync)"},
    {"dev.swarmledger.protocol.crypto.PublicKey#verify", "Ed25519 verify (Tx.signatureValid)"},
    {
      "dev.swarmledger.protocol.tx.Tx#signatureValid",
      "canonical JSON of the envelope (Tx.signingBytes)"
    },
    {"dev.swarmledger.protocol.tx.LeafCodec#encode", "leaf encoding (LeafCodec.encode)"},
    {"dev.swarmledger.protocol.checkpoint.CheckpointSigner#sign", "checkpoint signing"},
    {"dev.swarmledger.protocol.merkle.", "Merkle hashing"},
    {"dev.swarmledger.node.storage.", "LogStore / WriteBatch building"},
    {"dev.swarmledger.bench.ledger.InstrumentedNode#", "event listener (toEvents)"},
    {"dev.swarmledger.protocol.state.", "state machine (other)"},
    {"java.util.concurrent.LinkedBlockingQueue#poll", "idle: waiting for transactions"},
    {"dev.swarmledger.node.log.LedgerLog#append", "LedgerLog.append (other)"},
    {"java.util.concurrent.CompletableFuture#", "completing futures (wakes handlers)"},
  };

  private final long threadId;
  private final Thread sampler;
  private final Map<String, Integer> counts = new TreeMap<>();
  private volatile boolean running = true;
  private int samples;

  private StackSampler(long threadId, long periodMillis) {
    this.threadId = threadId;
    this.sampler = new Thread(() -> loop(periodMillis), "bench-sampler");
    this.sampler.setDaemon(true);
    this.sampler.start();
  }

  /** Starts sampling the live thread named {@code name}; empty samples if there is none. */
  static StackSampler of(String name, long periodMillis) {
    long id = -1;
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (t != null && t.getThreadName().equals(name)) {
        id = t.getThreadId();
      }
    }
    return new StackSampler(id, periodMillis);
  }

  private void loop(long periodMillis) {
    while (running && threadId >= 0) {
      ThreadInfo info = THREADS.getThreadInfo(threadId, 64);
      if (info != null) {
        String category = classify(info.getStackTrace());
        synchronized (counts) {
          counts.merge(category, 1, Integer::sum);
          samples++;
        }
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String classify(StackTraceElement[] stack) {
    for (String[] c : CATEGORIES) {
      int hash = c[0].indexOf('#');
      String cls = hash < 0 ? c[0] : c[0].substring(0, hash);
      String method = hash < 0 ? "" : c[0].substring(hash + 1);
      for (StackTraceElement f : stack) {
        boolean classMatches =
            hash < 0 ? f.getClassName().startsWith(cls) : f.getClassName().equals(cls);
        if (classMatches && f.getMethodName().startsWith(method)) {
          return c[1];
        }
      }
    }
    return stack.length == 0
        ? "(no stack)"
        : "other: " + stack[0].getClassName() + "." + stack[0].getMethodName();
  }

  /** Share of samples per category, largest first. */
  Map<String, Double> shares() {
    Map<String, Double> out = new LinkedHashMap<>();
    synchronized (counts) {
      counts.entrySet().stream()
          .sorted((a, b) -> b.getValue() - a.getValue())
          .forEach(e -> out.put(e.getKey(), e.getValue() / (double) samples));
    }
    return out;
  }

  int samples() {
    synchronized (counts) {
      return samples;
    }
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
