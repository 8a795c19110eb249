package dev.swarmledger.bench.ledger;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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

  /** CPU nanoseconds so far, per thread group, plus "process" for the whole process. */
  static Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String g : GROUPS) {
      out.put(g, 0L);
    }
    long threads = 0;
    for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (t == null) {
        continue;
      }
      long ns = THREADS.getThreadCpuTime(t.getThreadId());
      if (ns < 0) {
        continue;
      }
      threads += ns;
      out.merge(group(t.getThreadName()), ns, Long::sum);
    }
    long process =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    out.put(OTHER, Math.max(0, process - threads));
    out.put(PROCESS, process);
    out.put(MACHINE, machineBusyNanos());
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    out.put(GC, gcMillis * 1_000_000L);
    return out;
  }

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
  static final String OTHER = "no Java thread (GC, JIT, RocksDB background)";
  private static final String[] GROUPS = {
    "sequencer", "http handlers", "netty I/O", "load clients", "JDK HttpClient", "other Java threads", OTHER
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

  /** {@code after - before} per group, as a share of {@code wallNanos × cores}. */
  static Map<String, Double> shares(Map<String, Long> before, Map<String, Long> after, long wallNanos) {
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      out.put(e.getKey(), d / (double) wallNanos / cores);
    }
    // The machine figure includes this process; show what everything else took.
    long machine = after.get(MACHINE) - before.get(MACHINE);
    long process = after.get(PROCESS) - before.get(PROCESS);
    out.put(MACHINE, before.get(MACHINE) < 0 ? Double.NaN : Math.max(0, machine - process) / (double) wallNanos / cores);
    // GC time is wall time of collections, not CPU: a share of the window, not of the cores.
    out.put(GC, (after.get(GC) - before.get(GC)) / (double) wallNanos);
    return out;
  }
}
