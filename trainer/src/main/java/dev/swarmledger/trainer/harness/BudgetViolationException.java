package dev.swarmledger.trainer.harness;

/** The experiment asked for a step beyond its budget, an invalid batch, or stopped early. */
public final class BudgetViolationException extends IllegalStateException {
  public BudgetViolationException(String message) {
    super(message);
  }
}
