package dev.swarmledger.bench.ledger;

import java.util.Arrays;

/** Latency samples in nanoseconds and their order statistics. */
final class Latencies {
  private long[] values = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  void addAll(Latencies other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int count() {
    return size;
  }

  /** Summary in microseconds: p50, p99, max (nearest-rank percentiles). */
  Summary summary() {
    if (size == 0) {
      return new Summary(0, 0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0);
    return new Summary(
        size,
        rank(sorted, 0.50) / 1e3,
        rank(sorted, 0.99) / 1e3,
        sorted[size - 1] / 1e3,
        mean / 1e3);
  }

  private static long rank(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  record Summary(
      int count, double p50Micros, double p99Micros, double maxMicros, double meanMicros) {}
}
