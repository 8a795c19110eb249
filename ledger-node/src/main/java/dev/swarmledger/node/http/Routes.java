package dev.swarmledger.node.http;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Maps a method and path (with {@code {name}} segments, and a last {@code {name*}} segment that
 * takes the rest of the path) to a handler.
 */
public final class Routes {
  /** A request handler: parse, call the domain, map the answer. */
  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(ApiRequest request);
  }

  /** A handler whose answer comes later (e.g. once a transaction is durable); no thread waits. */
  @FunctionalInterface
  public interface AsyncHandler {
    CompletableFuture<ApiResponse> handle(ApiRequest request);
  }

  /**
   * A matched route: its handler, the path parameters it captured, and whether its body is text (a
   * C2SP protocol body) rather than JSON.
   */
  public record Match(AsyncHandler handler, Map<String, String> params, boolean textBody) {
    public Match(AsyncHandler handler, Map<String, String> params) {
      this(handler, params, false);
    }
  }

  private record Route(String method, String[] segments, AsyncHandler handler, boolean textBody) {}

  private final List<Route> routes = new ArrayList<>();

  public Routes get(String pattern, Handler handler) {
    return add("GET", pattern, r -> CompletableFuture.completedFuture(handler.handle(r)));
  }

  public Routes postAsync(String pattern, AsyncHandler handler) {
    return add("POST", pattern, handler);
  }

  /** A POST whose body is plain text (e.g. C2SP tlog-witness), not JSON. */
  public Routes postText(String pattern, Handler handler) {
    routes.add(
        new Route(
            "POST",
            split(pattern),
            r -> CompletableFuture.completedFuture(handler.handle(r)),
            true));
    return this;
  }

  private Routes add(String method, String pattern, AsyncHandler handler) {
    routes.add(new Route(method, split(pattern), handler, false));
    return this;
  }

  /** The handler for this request, or a {@link Rejection} (404 unknown path, 405 wrong method). */
  public Match match(String method, String path) {
    String[] segments = split(path);
    boolean pathKnown = false;
    for (Route r : routes) {
      Optional<Map<String, String>> params = bind(r.segments(), segments);
      if (params.isPresent()) {
        pathKnown = true;
        if (r.method().equals(method)) {
          return new Match(r.handler(), params.get(), r.textBody());
        }
      }
    }
    if (pathKnown) {
      throw new Rejection(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on " + path);
    }
    throw new Rejection(ErrorCode.NOT_FOUND, "no such endpoint: " + path);
  }

  private static Optional<Map<String, String>> bind(String[] pattern, String[] path) {
    boolean rest = pattern.length > 0 && pattern[pattern.length - 1].endsWith("*}");
    if (rest ? path.length < pattern.length : pattern.length != path.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (rest && i == pattern.length - 1) {
        String name = p.substring(1, p.length() - 2);
        params.put(name, String.join("/", Arrays.copyOfRange(path, i, path.length)));
      } else if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), path[i]);
      } else if (!p.equals(path[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }
}
