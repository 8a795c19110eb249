package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.ErrorCode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An error answer: {@code {"error":{"code","message"[,"conflict"]}}}. The code is kept as sent: a
 * newer node may send one this build does not know ({@link #known()} is then empty).
 *
 * @param conflict for duplicate refusals, the claim or result this one collides with
 */
public record ApiError(String code, String message, OptionalLong conflict) {

  public static ApiError of(ErrorCode code, String message, OptionalLong conflict) {
    return new ApiError(code.code(), message, conflict);
  }

  public Optional<ErrorCode> known() {
    return ErrorCode.fromCode(code);
  }
}
