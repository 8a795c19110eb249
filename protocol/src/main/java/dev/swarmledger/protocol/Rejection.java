package dev.swarmledger.protocol;

/**
 * A request or transaction refused by the protocol, with its stable {@link ErrorCode}. Thrown
 * before anything is changed: a rejected transaction leaves the state as it was.
 */
public final class Rejection extends RuntimeException {
  private final ErrorCode code;

  public Rejection(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
