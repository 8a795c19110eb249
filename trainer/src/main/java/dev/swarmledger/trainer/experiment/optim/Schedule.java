package dev.swarmledger.trainer.experiment.optim;

/**
 * Learning-rate factor driven by the step alone (never by wall clock, so replays are exact): linear
 * warmup over {@code warmupSteps}, constant, then linear warmdown to {@code finalFactor} over the
 * last {@code warmdownFraction} of the run.
 */
public record Schedule(long warmupSteps, double warmdownFraction, double finalFactor) {

  public Schedule {
    if (warmupSteps < 0 || warmdownFraction < 0 || warmdownFraction > 1) {
      throw new IllegalArgumentException("warmup must be >= 0 and warmdown within [0, 1]");
    }
  }

  /** The factor for zero-based {@code step} of a run of {@code totalSteps}. */
  public double factor(long step, long totalSteps) {
    double warm = warmupSteps == 0 ? 1.0 : Math.min(1.0, (step + 1.0) / warmupSteps);
    long warmdownSteps = Math.round(totalSteps * warmdownFraction);
    long warmdownStart = totalSteps - warmdownSteps;
    if (warmdownSteps == 0 || step < warmdownStart) {
      return warm;
    }
    double progress = (double) (step - warmdownStart + 1) / warmdownSteps;
    return Math.min(warm, 1.0 - progress * (1.0 - finalFactor));
  }
}
