package dev.swarmledger.protocol.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two kinds of swarm job. */
public enum JobKind {
  TRAIN,
  INFER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<JobKind> fromWire(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
  }
}
