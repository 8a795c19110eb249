package dev.swarmledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.tx.Tx;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP client of API v1 (JDK {@link HttpClient}). Reads are retried with exponential back-off
 * while the node is unreachable or busy; a submitted transaction is retried only when it surely did
 * not arrive, because nonces make a duplicate harmless but noisy (it is refused as replayed).
 */
public final class LedgerClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final int attempts;

  public LedgerClient(String baseUrl) {
    this(baseUrl, 4);
  }

  public LedgerClient(String baseUrl, int attempts) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.attempts = Math.max(1, attempts);
  }

  public String baseUrl() {
    return base.toString().replaceAll("/$", "");
  }

  /** A submitted transaction's place in the log. */
  public record Submitted(long index, Hash leafHash) {}

  public Submitted submit(Tx tx) {
    byte[] body = StrictJson.canonical(tx.json());
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("v1/tx"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    JsonNode n = parse(send(req, false));
    return new Submitted(n.get("index").asLong(), Hash.fromHex(n.get("leaf_hash").asText()));
  }

  public String checkpoint() {
    return getText("v1/log/checkpoint");
  }

  public String verifierKey() {
    return getText("v1/log/key").strip();
  }

  /** Leaf bytes of [start, end); the node may return fewer (bounded pages): call again. */
  public List<byte[]> entries(long start, long end) {
    JsonNode n = getJson("v1/log/entries?start=" + start + "&end=" + end);
    List<byte[]> out = new ArrayList<>();
    for (JsonNode e : n.get("entries")) {
      out.add(Base64.getDecoder().decode(e.get("leaf").asText()));
    }
    return out;
  }

  public InclusionProof inclusion(long index, long size) {
    JsonNode n = getJson("v1/log/proof/inclusion?index=" + index + "&size=" + size);
    return new InclusionProof(n.get("index").asLong(), n.get("size").asLong(), path(n));
  }

  public ConsistencyProof consistency(long from, long to) {
    JsonNode n = getJson("v1/log/proof/consistency?from=" + from + "&to=" + to);
    return new ConsistencyProof(n.get("from").asLong(), n.get("to").asLong(), path(n));
  }

  /** The account, or empty when the node does not know it. */
  public Optional<JsonNode> account(String id) {
    try {
      return Optional.of(getJson("v1/accounts/" + id));
    } catch (ApiException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** GET a JSON document at {@code pathAndQuery} (relative, e.g. {@code v1/stats}). */
  public JsonNode getJson(String pathAndQuery) {
    return parse(get(pathAndQuery));
  }

  public String getText(String pathAndQuery) {
    return get(pathAndQuery);
  }

  public static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private String get(String pathAndQuery) {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    return send(req, true);
  }

  private String send(HttpRequest req, boolean idempotent) {
    long backoffMs = 200;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> res =
            http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (res.statusCode() / 100 == 2) {
          return res.body();
        }
        ApiException e = toError(res);
        if (!e.transientFailure() || attempt >= attempts || (!idempotent && e.status() != 429)) {
          throw e;
        }
      } catch (IOException e) {
        // A POST that failed to connect never arrived; one cut mid-flight might have: the caller
        // learns of it through the nonce on retry.
        if (attempt >= attempts || (!idempotent && !(e instanceof java.net.ConnectException))) {
          throw new ApiException(
              0, ApiException.UNREACHABLE, "cannot reach " + base + ": " + e.getMessage());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(0, ApiException.UNREACHABLE, "interrupted");
      }
      sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    }
  }

  private static ApiException toError(HttpResponse<String> res) {
    try {
      JsonNode e = JSON.readTree(res.body()).get("error");
      java.util.OptionalLong conflict =
          e.hasNonNull("conflict")
              ? java.util.OptionalLong.of(e.get("conflict").asLong())
              : java.util.OptionalLong.empty();
      return new ApiException(
          res.statusCode(), e.get("code").asText(), e.get("message").asText(), conflict);
    } catch (IOException | RuntimeException ex) {
      return new ApiException(
          res.statusCode(), "http_" + res.statusCode(), "HTTP " + res.statusCode());
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiException(0, "bad_response", "node answered with invalid JSON");
    }
  }

  private static List<Hash> path(JsonNode n) {
    List<Hash> out = new ArrayList<>();
    n.get("path").forEach(p -> out.add(Hash.fromBase64(p.asText())));
    return out;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
