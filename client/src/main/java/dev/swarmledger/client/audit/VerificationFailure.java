package dev.swarmledger.client.audit;

/** The log (or the state a node serves) failed a check; the message names the first difference. */
public final class VerificationFailure extends Exception {
  public VerificationFailure(String message) {
    super(message);
  }
}
