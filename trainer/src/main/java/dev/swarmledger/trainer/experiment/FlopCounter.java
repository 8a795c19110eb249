package dev.swarmledger.trainer.experiment;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's count of the FLOPs a process's model ran, fed by {@link Ops}. Owned by the harness:
 * the source allowlist refuses this type in experiment code, so an experiment can only add to the
 * count (by running counted operations), never read, reset or replace it.
 */
public final class FlopCounter {
  private static volatile FlopCounter current = new FlopCounter();

  private final AtomicLong total = new AtomicLong();

  private FlopCounter() {}

  /** Starts a fresh count and makes it the one {@link Ops} adds to; returns it. */
  public static FlopCounter start() {
    FlopCounter counter = new FlopCounter();
    current = counter;
    return counter;
  }

  /** FLOPs counted since {@link #start}. */
  public long total() {
    return total.get();
  }

  static void add(long flops) {
    FlopCounter counter = current;
    long before;
    do {
      before = counter.total.get();
    } while (!counter.total.compareAndSet(before, Math.addExact(before, flops)));
  }
}
