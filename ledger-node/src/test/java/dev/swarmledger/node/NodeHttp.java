package dev.swarmledger.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP/1.1 calls to a node under test, answers kept as raw bytes. */
public final class NodeHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status, content type and body. */
  public record Reply(int status, String contentType, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + text(), e);
      }
    }
  }

  private final String base;
  private final HttpClient client;

  public NodeHttp(String baseUrl) {
    this.base = baseUrl.replaceAll("/$", "");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public String base() {
    return base;
  }

  public Reply get(String path) {
    return send("GET", path, null, null);
  }

  public Reply postJson(String path, byte[] body) {
    return send("POST", path, body, "application/json");
  }

  /** Sends {@code method} with an optional body and content type (null: none). */
  public Reply send(String method, String path, byte[] body, String contentType) {
    try {
      return sendChecked(method, path, body, contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    }
  }

  public Reply sendChecked(String method, String path, byte[] body, String contentType)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The node's current signed checkpoint note. */
  public String checkpoint() {
    Reply r = get("/v1/log/checkpoint");
    if (r.status() != 200) {
      throw new AssertionError("checkpoint: " + r.status() + " " + r.text());
    }
    return r.text();
  }
}
