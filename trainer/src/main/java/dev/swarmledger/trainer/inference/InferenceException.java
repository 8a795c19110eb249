package dev.swarmledger.trainer.inference;

import dev.swarmledger.trainer.TrainerException.Reason;

/**
 * Inference that must not answer, with the stable reason the parent reports (thrown in the child
 * process, carried to the parent in its failure file).
 */
public final class InferenceException extends Exception {
  private final Reason reason;

  public InferenceException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
