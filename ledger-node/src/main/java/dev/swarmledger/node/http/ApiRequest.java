package dev.swarmledger.node.http;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed request as handlers see it: path parameters, query parameters and body bytes. */
public record ApiRequest(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    byte[] body) {

  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new Rejection(
          ErrorCode.INVALID_QUERY, "query parameter '" + name + "' given more than once");
    }
    return Optional.of(values.get(0));
  }

  public String requiredParam(String name) {
    return param(name)
        .orElseThrow(
            () -> new Rejection(ErrorCode.INVALID_QUERY, "missing query parameter '" + name + "'"));
  }

  /** A non-negative decimal integer parameter; anything else is refused, never guessed. */
  public long longParam(String name) {
    return parseLong(name, requiredParam(name));
  }

  public Optional<Long> optionalLongParam(String name) {
    return param(name).map(v -> parseLong(name, v));
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  private static long parseLong(String name, String v) {
    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Rejection(
          ErrorCode.INVALID_QUERY, "query parameter '" + name + "' must be a non-negative integer");
    }
    return Long.parseLong(v);
  }
}
