package dev.swarmledger.trainer;

import java.util.OptionalDouble;

/** Follows a run: its phases, its training steps and the experiment's log lines. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /**
   * A phase begins: {@code compile}, {@code data}, {@code calibrate}, {@code train}, {@code
   * evaluate}.
   */
  default void phase(String name) {}

  /**
   * {@code step} of {@code total} steps are done; {@code loss} is the latest sampled training loss.
   */
  default void step(long step, long total, OptionalDouble loss) {}

  /** A line the experiment or a child process logged. */
  default void log(String line) {}
}
