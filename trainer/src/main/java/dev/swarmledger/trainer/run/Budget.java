package dev.swarmledger.trainer.run;

/**
 * How long a run trains: a number of optimisation steps, or a number of seconds that the harness
 * converts into a step count (by timing a few probe steps) before training starts; the step count
 * is recorded, so a replay is always by steps.
 */
public sealed interface Budget {

  static Budget steps(long steps) {
    return new Steps(steps);
  }

  static Budget seconds(double seconds) {
    return new Seconds(seconds);
  }

  /** A fixed number of steps. */
  record Steps(long steps) implements Budget {
    public Steps {
      if (steps < 1) {
        throw new IllegalArgumentException("steps must be at least 1");
      }
    }
  }

  /** A wall-clock budget, converted into steps on the machine that runs it. */
  record Seconds(double seconds) implements Budget {
    public Seconds {
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("seconds must be positive and finite");
      }
    }
  }
}
