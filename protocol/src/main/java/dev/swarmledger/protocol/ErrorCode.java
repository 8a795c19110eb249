package dev.swarmledger.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of stable error codes, each with the HTTP status it maps to (docs/api.md). Codes
 * are part of the API: clients and agents branch on them, so they are never renamed.
 */
public enum ErrorCode {
  MALFORMED_JSON(400),
  NON_CANONICAL_NUMBER(400),
  UNKNOWN_FIELD(400),
  MISSING_FIELD(400),
  WRONG_TYPE(400),
  OUT_OF_RANGE(400),
  UNSUPPORTED_VERSION(400),
  UNKNOWN_TX_TYPE(400),
  INVALID_ACCOUNT(400),
  INVALID_SIGNATURE_ENCODING(400),
  INVALID_NAME(400),
  INVALID_ARGUMENT(400),
  INVALID_QUERY(400),
  BLOB_LENGTH_MISMATCH(400),
  BAD_SIGNATURE(401),
  MISSING_SIGNATURE(401),
  BLOB_NOT_REFERENCED(403),
  NOT_BLOB_UPLOADER(403),
  CHECKPOINT_NOT_SIGNED(403),
  NOT_FOUND(404),
  UNKNOWN_ACCOUNT(404),
  UNKNOWN_TRACK(404),
  UNKNOWN_RESULT(404),
  UNKNOWN_CLAIM(404),
  UNKNOWN_JOB(404),
  UNKNOWN_BLOB(404),
  UNKNOWN_LOG(404),
  NONCE_REPLAYED(409),
  NONCE_TOO_HIGH(409),
  ALREADY_REGISTERED(409),
  NAME_TAKEN(409),
  DUPLICATE_CLAIM(409),
  DUPLICATE_SOURCE(409),
  DUPLICATE_ATTESTATION(409),
  DUPLICATE_TRACK(409),
  OLD_SIZE_MISMATCH(409),
  DUPLICATE_ANCHOR(409),
  METHOD_NOT_ALLOWED(405),
  READ_ONLY_MIRROR(405),
  LENGTH_REQUIRED(411),
  BODY_TOO_LARGE(413),
  BLOB_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  NOT_REGISTERED(422),
  NOT_OPERATOR(422),
  NOT_VERIFIER(422),
  NOT_ASSIGNED(422),
  SELF_ATTESTATION(422),
  GENESIS_EXISTS(422),
  INSUFFICIENT_CREDITS(422),
  SOURCE_HASH_MISMATCH(422),
  BLOB_HASH_MISMATCH(422),
  CLAIM_NOT_ACTIVE(422),
  NOT_CLAIM_OWNER(422),
  INVALID_STATE(422),
  OVER_BUDGET(422),
  INCONSISTENT_VERDICT(422),
  WRONG_HARDWARE_CLASS(422),
  LEASE_EXPIRED(422),
  CHALLENGE_CLOSED(422),
  NOT_WORKER(422),
  JOB_NOT_OPEN(422),
  NOT_SPENDER(422),
  SELF_DEALING(422),
  ESCROW_TOO_SMALL(422),
  MODEL_NOT_PUBLISHED(422),
  INCONSISTENT_CHECKPOINT(422),
  ENTRY_TOO_LARGE(422),
  ANCHOR_BEYOND_LOG(422),
  ANCHOR_OUT_OF_ORDER(422),
  SOURCE_TOO_LARGE(413),
  RATE_LIMITED(429),
  INTERNAL(500),
  UNAVAILABLE(503);

  private static final Map<String, ErrorCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::code, Function.identity()));

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The stable snake_case code, e.g. {@code nonce_replayed}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public int httpStatus() {
    return httpStatus;
  }

  public static Optional<ErrorCode> fromCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}
