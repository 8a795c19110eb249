package dev.swarmledger.trainer.experiment.optim;

/**
 * An optimiser over a fixed set of parameters whose learning rate is scaled by a schedule factor.
 */
public interface TrainingOptimizer {

  /** Applies one update from the current gradients with learning rate {@code baseRate * factor}. */
  void step(double factor);

  /** Drops the gradients of this optimiser's parameters. */
  void zeroGrad();
}
