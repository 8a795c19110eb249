package dev.swarmledger.trainer.harness;

/** The model's outputs cannot be scored (wrong shape or dtype, non-finite values). */
public final class EvaluationException extends Exception {
  public EvaluationException(String message) {
    super(message);
  }
}
