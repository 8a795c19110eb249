package dev.swarmledger.trainer.run;

/**
 * How much a run trains: a number of FLOPs (counted by the harness from the operations the model
 * runs, docs/protocol.md "Compute budgets"), a number of optimisation steps, or a number of
 * seconds; FLOPs and seconds are converted into a step count before training starts, and the step
 * count is recorded, so a replay is always by steps.
 */
public sealed interface Budget {

  static Budget steps(long steps) {
    return new Steps(steps);
  }

  static Budget flops(long flops) {
    return new Flops(flops);
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

  /**
   * A compute budget: the harness counts one probe step, trains {@code flops / perStep} steps and
   * voids the run if the counted total exceeds {@code flops}.
   */
  record Flops(long flops) implements Budget {
    public Flops {
      if (flops < 1) {
        throw new IllegalArgumentException("flops must be at least 1");
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
