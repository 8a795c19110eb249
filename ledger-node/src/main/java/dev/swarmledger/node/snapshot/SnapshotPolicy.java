package dev.swarmledger.node.snapshot;

import java.time.Duration;

/**
 * When a node writes a state snapshot: once {@code everyLeaves} leaves were appended since the last
 * one, or {@code every} has passed with at least one new leaf; the newest {@code keep} are kept.
 */
public record SnapshotPolicy(boolean enabled, long everyLeaves, Duration every, int keep) {
  public static final long DEFAULT_EVERY_LEAVES = 20_000;
  public static final Duration DEFAULT_EVERY = Duration.ofMinutes(10);
  public static final int DEFAULT_KEEP = 3;

  public SnapshotPolicy {
    if (everyLeaves < 1 || every.isNegative() || every.isZero() || keep < 1) {
      throw new IllegalArgumentException(
          "snapshot policy needs everyLeaves >= 1, a positive interval and keep >= 1");
    }
  }

  public static SnapshotPolicy defaults() {
    return new SnapshotPolicy(true, DEFAULT_EVERY_LEAVES, DEFAULT_EVERY, DEFAULT_KEEP);
  }

  public static SnapshotPolicy disabled() {
    return new SnapshotPolicy(false, DEFAULT_EVERY_LEAVES, DEFAULT_EVERY, DEFAULT_KEEP);
  }

  public static SnapshotPolicy every(long leaves) {
    return new SnapshotPolicy(true, leaves, DEFAULT_EVERY, DEFAULT_KEEP);
  }

  /** Whether a snapshot is due, {@code leaves} appended and {@code elapsed} since the last one. */
  boolean due(long leaves, Duration elapsed) {
    return enabled && leaves > 0 && (leaves >= everyLeaves || elapsed.compareTo(every) >= 0);
  }
}
