package dev.swarmledger.trainer.experiment;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The harness side of the optimisation loop: hands out one batch per step in a seed-determined
 * order, enforces the step budget and hashes the parameters between steps.
 *
 * <p>Memory: every tensor created between two calls of {@link #next} is released at the following
 * call (the harness opens a {@code PointerScope} per step). Create long-lived tensors (optimizer
 * state) before the first {@code next}, or call {@code retainReference()} on them.
 */
public interface TrainingLoop {

  /** The number of steps of this run, fixed before training starts (drive schedules from it). */
  long totalSteps();

  /** Steps handed out so far; during step {@code s} this is {@code s + 1}. */
  long stepsTaken();

  /** True while steps of the budget remain. */
  boolean hasNext();

  /**
   * The next step's batch of {@code batchSize} rows of {@code sequenceLength()} tokens.
   *
   * @throws IllegalStateException once the budget is spent or if {@code batchSize} is out of range
   */
  Batch next(int batchSize);

  /**
   * Records the training loss of the current step; the harness samples it (never forces a sync).
   */
  void recordLoss(Tensor loss);

  /** Tokens per row of every batch. */
  int sequenceLength();

  /** Number of token ids. */
  int vocabularySize();

  /** Where batches live. */
  Device device();

  /** A line for the run's log (the experiment has no other output). */
  void log(String message);
}
