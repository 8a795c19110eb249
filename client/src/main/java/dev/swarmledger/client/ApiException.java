package dev.swarmledger.client;

/** An error answer of the node ({@code {"error":{"code","message"}}}) or an unreachable node. */
public final class ApiException extends RuntimeException {
  /** Code used when the node could not be reached at all. */
  public static final String UNREACHABLE = "unreachable";

  private final int status;
  private final String code;
  private final java.util.OptionalLong conflict;

  public ApiException(int status, String code, String message) {
    this(status, code, message, java.util.OptionalLong.empty());
  }

  public ApiException(int status, String code, String message, java.util.OptionalLong conflict) {
    super(message);
    this.status = status;
    this.code = code;
    this.conflict = conflict;
  }

  /** For duplicate refusals: the id of the claim or result this one collides with. */
  public java.util.OptionalLong conflict() {
    return conflict;
  }

  /** HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Worth retrying later: unreachable, overloaded or temporarily unavailable. */
  public boolean transientFailure() {
    return status == 0 || status == 429 || status == 503 || status == 502 || status == 504;
  }

  @Override
  public String toString() {
    return code + " (" + status + "): " + getMessage();
  }
}
