package dev.swarmledger.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.api.ApiError;
import dev.swarmledger.protocol.api.ApiErrorJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a handler answers: a status, a content type, the body bytes and any extra headers (e.g.
 * Cache-Control).
 */
public record ApiResponse(
    int status, String contentType, byte[] body, Map<String, String> headers) {
  public static final ObjectMapper JSON = new ObjectMapper();

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public ApiResponse(int status, String contentType, byte[] body) {
    this(status, contentType, body, Map.of());
  }

  /** This answer with one more header. */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, contentType, body, more);
  }

  public static ApiResponse bytes(String contentType, byte[] body) {
    return new ApiResponse(200, contentType, body);
  }

  public static ApiResponse json(JsonNode node) {
    return json(200, node);
  }

  public static ApiResponse json(int status, JsonNode node) {
    try {
      return new ApiResponse(status, "application/json", JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ApiResponse text(String text) {
    return new ApiResponse(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  public static ApiResponse html(String html) {
    return new ApiResponse(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  /** A refusal; duplicates also name the conflicting claim or result as {@code conflict}. */
  public static ApiResponse error(dev.swarmledger.protocol.Rejection r) {
    return json(
        r.code().httpStatus(),
        ApiErrorJson.encode(ApiError.of(r.code(), r.getMessage(), r.conflict())));
  }

  /** The one error shape of the API: {@code {"error":{"code":…,"message":…}}}. */
  public static ApiResponse error(ErrorCode code, String message) {
    return json(
        code.httpStatus(), ApiErrorJson.encode(ApiError.of(code, message, OptionalLong.empty())));
  }
}
