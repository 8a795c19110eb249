package dev.swarmledger.trainer.harness;

import java.util.OptionalDouble;

/**
 * Told about each step as the harness hands it out (the training child forwards it to the parent).
 */
public interface StepListener {
  StepListener NONE = (step, total, lastLoss) -> {};

  /**
   * {@code step} steps of {@code total} have been handed out; {@code lastLoss} the latest sample.
   */
  void stepStarted(long step, long total, OptionalDouble lastLoss);
}
