package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The query parameters of a request, by name, as the filters read them; the node passes its
 * request's lookup, so the names and their checks live once, beside the filters.
 */
@FunctionalInterface
public interface QueryParams {
  /** Default page size of list endpoints. */
  int DEFAULT_LIMIT = 100;

  /** Largest page of any list endpoint. */
  int MAX_PAGE = 500;

  Optional<String> get(String name);

  /** A non-negative decimal integer, refused (never guessed) when it is anything else. */
  default Optional<Long> number(String name) {
    return get(name)
        .map(
            v -> {
              if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
                throw new Rejection(
                    ErrorCode.INVALID_QUERY,
                    "query parameter '" + name + "' must be a non-negative integer");
              }
              return Long.parseLong(v);
            });
  }

  default Optional<PublicKey> account(String name) {
    return get(name).map(a -> TxCodec.accountId(a, name));
  }

  /** The page size: {@code limit}, 1 to {@link #MAX_PAGE}, {@link #DEFAULT_LIMIT} when absent. */
  default int limit() {
    long l = number("limit").orElse((long) DEFAULT_LIMIT);
    if (l < 1 || l > MAX_PAGE) {
      throw new Rejection(ErrorCode.INVALID_QUERY, "limit must be 1.." + MAX_PAGE);
    }
    return (int) l;
  }

  /**
   * The query parameters every list filter shares, in one order: what a client sends and the node's
   * {@link #get} reads back.
   */
  static Map<String, String> encode(
      Optional<String> track,
      Optional<PublicKey> account,
      Optional<String> status,
      long since,
      int limit) {
    Map<String, String> p = new LinkedHashMap<>();
    track.ifPresent(t -> p.put("track", t));
    account.ifPresent(a -> p.put("account", a.hex()));
    status.ifPresent(s -> p.put("status", s));
    if (since > 0) {
      p.put("since", Long.toString(since));
    }
    p.put("limit", Integer.toString(limit));
    return p;
  }

  static Rejection notOneOf(String name, String allowed) {
    return new Rejection(ErrorCode.INVALID_QUERY, name + " must be one of " + allowed);
  }
}
