package dev.swarmledger.protocol.tx;

import java.util.Arrays;
import java.util.Optional;

/** A verifier's judgement of a re-run (DESIGN.md §6). */
public enum Verdict {
  EXACT,
  WITHIN_TOLERANCE,
  MISMATCH,
  OVER_BUDGET,
  FAILED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True for the verdicts that confirm the claimed result. */
  public boolean agrees() {
    return this == EXACT || this == WITHIN_TOLERANCE;
  }

  public static Optional<Verdict> fromWire(String s) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
  }
}
