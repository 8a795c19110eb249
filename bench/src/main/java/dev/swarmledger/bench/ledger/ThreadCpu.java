package dev.swarmledger.bench.ledger;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process split by who spent it (sequencer, Netty, HTTP handlers, load
 * generator...), from per-thread CPU clocks: on a 2-core machine the client and the node share the
 * cores, and this shows how. What no visible Java thread accounts for (GC workers, JIT compilers,
 * RocksDB's background threads) is reported as one figure, as is the rest of the machine.
 */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpu() {}

  /** CPU clocks now: per live thread (by id, with its group), the process, the machine, GC. */
  static Snapshot snapshot() {
    Map<Long, Long> perThread = new HashMap<>();
    Map<Long, String> groups = new HashMap<>();
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (t == null) {
        continue;
      }
      long ns = THREADS.getThreadCpuTime(t.getThreadId());
      if (ns >= 0) {
        perThread.put(t.getThreadId(), ns);
        groups.put(t.getThreadId(), group(t.getThreadName()));
      }
    }
    long process =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    return new Snapshot(perThread, groups, process, machineBusyNanos(), gcMillis * 1_000_000L);
  }

  /** Clocks at one instant; see {@link #shares}. */
  record Snapshot(
      Map<Long, Long> perThread, Map<Long, String> groups, long process, long machine, long gc) {}

  /** Busy CPU time of the whole machine (all processes) from /proc/stat; -1 where unavailable. */
  private static long machineBusyNanos() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait.
      long busy = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static final String PROCESS = "bench process";
  static final String MACHINE = "other processes";
  static final String GC = "GC time (wall)";
  static final String OTHER = "no Java thread (JIT compilers, GC, RocksDB background)";
  private static final String[] GROUPS = {
    "sequencer",
    "http handlers",
    "netty I/O",
    "load clients",
    "JDK HttpClient",
    "other Java threads",
    OTHER
  };

  private static String group(String name) {
    if (name.equals("sequencer")) {
      return "sequencer";
    }
    if (name.startsWith("defaultEventExecutorGroup")) {
      return "http handlers";
    }
    if (name.startsWith("multiThreadIoEventLoopGroup")) {
      return "netty I/O";
    }
    if (name.startsWith("bench-client")) {
      return "load clients";
    }
    if (name.startsWith("HttpClient")) {
      return "JDK HttpClient";
    }
    return "other Java threads";
  }

  /**
   * CPU used between two snapshots per group, as a share of {@code wallNanos × cores}. Threads
   * alive at both instants count their difference, threads born in between all their time; threads
   * that ended in between fall into the "no Java thread" figure.
   */
  static Map<String, Double> shares(Snapshot before, Snapshot after, long wallNanos) {
    double capacity = (double) wallNanos * Runtime.getRuntime().availableProcessors();
    Map<String, Long> used = new LinkedHashMap<>();
    for (String g : GROUPS) {
      used.put(g, 0L);
    }
    long threads = 0;
    for (Map.Entry<Long, Long> e : after.perThread().entrySet()) {
      long d = e.getValue() - before.perThread().getOrDefault(e.getKey(), 0L);
      threads += d;
      used.merge(after.groups().get(e.getKey()), d, Long::sum);
    }
    long process = after.process() - before.process();
    used.put(OTHER, Math.max(0, process - threads));
    Map<String, Double> out = new LinkedHashMap<>();
    used.forEach((g, ns) -> out.put(g, ns / capacity));
    out.put(PROCESS, process / capacity);
    out.put(
        MACHINE,
        before.machine() < 0
            ? Double.NaN
            : Math.max(0, after.machine() - before.machine() - process) / capacity);
    // GC time is wall time of collections, not CPU: a share of the window, not of the cores.
    out.put(GC, (after.gc() - before.gc()) / (double) wallNanos);
    return out;
  }
}
