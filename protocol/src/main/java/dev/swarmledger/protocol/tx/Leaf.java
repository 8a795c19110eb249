package dev.swarmledger.protocol.tx;

import java.time.Instant;

/**
 * One log entry: its index, the sequencer's time (the only clock the rules trust) and the
 * transaction.
 */
public record Leaf(long index, Instant time, Tx tx) {
  public Leaf {
    if (index < 0) {
      throw new IllegalArgumentException("negative leaf index");
    }
    if (time.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("leaf time must be whole milliseconds");
    }
  }
}
