package dev.swarmledger.trainer.sandbox;

/** One reference an experiment may not make: the symbol, where it is, and why. */
public record Refusal(long line, String symbol, String reason) {
  @Override
  public String toString() {
    return "line " + line + ": " + symbol + " is not allowed (" + reason + ")";
  }
}
