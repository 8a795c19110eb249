package dev.swarmledger.protocol;

import java.util.OptionalLong;

/**
 * A request or transaction refused by the protocol, with its stable {@link ErrorCode}. Thrown
 * before anything is changed: a rejected transaction leaves the state as it was.
 */
public final class Rejection extends RuntimeException {
  private final ErrorCode code;
  private final OptionalLong conflict;

  public Rejection(ErrorCode code, String message) {
    this(code, message, OptionalLong.empty());
  }

  /** A refusal that points at the existing claim or result it collides with. */
  public Rejection(ErrorCode code, String message, OptionalLong conflict) {
    super(message, null, false, false);
    this.code = code;
    this.conflict = conflict;
  }

  /** Id of the conflicting claim or result, for duplicate refusals. */
  public OptionalLong conflict() {
    return conflict;
  }

  public ErrorCode code() {
    return code;
  }
}
