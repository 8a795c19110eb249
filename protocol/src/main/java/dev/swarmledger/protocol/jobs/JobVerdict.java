package dev.swarmledger.protocol.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A verifier's verdict on a completed job it re-ran. */
public enum JobVerdict {
  /** The re-run produced the very same output. */
  EXACT,
  /** The re-run produced something else: the worker is not paid. */
  MISMATCH,
  /** The verifier could not re-run it (with a reason): the check goes to another verifier. */
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<JobVerdict> fromWire(String name) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(name)).findFirst();
  }
}
