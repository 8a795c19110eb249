package dev.swarmledger.client;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.api.ApiError;
import java.util.OptionalLong;

/**
 * An error answer of the node, or no answer at all, with its {@link ErrorCode} so that callers
 * branch on the code, never on text. A code this build does not know (a newer node) maps to a
 * generic code of the same HTTP status; {@link #wireCode()} keeps what was sent.
 */
public final class ApiException extends RuntimeException {
  /** The wire code of an unreachable node (status 0; the code is then {@code unavailable}). */
  public static final String UNREACHABLE = "unreachable";

  private final int status;
  private final ErrorCode code;
  private final String wireCode;
  private final OptionalLong conflict;

  private ApiException(
      int status, ErrorCode code, String wireCode, String message, OptionalLong conflict) {
    super(message);
    this.status = status;
    this.code = code;
    this.wireCode = wireCode;
    this.conflict = conflict;
  }

  /** The node could not be reached, or the wait for it was interrupted. */
  static ApiException unreachable(String message) {
    return new ApiException(0, ErrorCode.UNAVAILABLE, UNREACHABLE, message, OptionalLong.empty());
  }

  /** A decoded error answer. */
  static ApiException answered(int status, ApiError e) {
    return new ApiException(
        status, e.known().orElse(fallback(status)), e.code(), e.message(), e.conflict());
  }

  /**
   * An answer without the API's error shape (a proxy's page, say), or one the client cannot read.
   */
  static ApiException unreadable(int status, String message) {
    return new ApiException(
        status, fallback(status), "http_" + status, message, OptionalLong.empty());
  }

  /**
   * The generic code for a status. 409 and 422 map to {@code invalid_state}, never to a nonce code,
   * so an unknown conflict is not mistaken for a nonce race and re-signed.
   */
  static ErrorCode fallback(int status) {
    return switch (status) {
      case 0, 502, 503, 504 -> ErrorCode.UNAVAILABLE;
      case 401 -> ErrorCode.BAD_SIGNATURE;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 409, 422 -> ErrorCode.INVALID_STATE;
      case 413 -> ErrorCode.BODY_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ErrorCode.RATE_LIMITED;
      default -> status >= 400 && status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
    };
  }

  /** For duplicate refusals: the id of the claim or result this one collides with. */
  public OptionalLong conflict() {
    return conflict;
  }

  /** HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public ErrorCode code() {
    return code;
  }

  /** The code exactly as the node sent it ({@code unreachable} when none came). */
  public String wireCode() {
    return wireCode;
  }

  public boolean is(ErrorCode c) {
    return code == c;
  }

  /** Worth retrying later: unreachable, overloaded or temporarily unavailable. */
  public boolean transientFailure() {
    return status == 0 || status == 429 || status == 503 || status == 502 || status == 504;
  }

  @Override
  public String toString() {
    return wireCode + " (" + status + "): " + getMessage();
  }
}
