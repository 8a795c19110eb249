package dev.swarmledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.ApiErrorJson;
import dev.swarmledger.protocol.api.BestJson;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ClaimFilter;
import dev.swarmledger.protocol.api.ClaimsPage;
import dev.swarmledger.protocol.api.ClaimsPageJson;
import dev.swarmledger.protocol.api.HypothesisFilter;
import dev.swarmledger.protocol.api.HypothesisJson;
import dev.swarmledger.protocol.api.HypothesisView;
import dev.swarmledger.protocol.api.LeaderboardJson;
import dev.swarmledger.protocol.api.LeaderboardView;
import dev.swarmledger.protocol.api.ListJson;
import dev.swarmledger.protocol.api.LogEntriesJson;
import dev.swarmledger.protocol.api.ProofJson;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.StatsJson;
import dev.swarmledger.protocol.api.StatsView;
import dev.swarmledger.protocol.api.TrackJson;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.api.TxReceipt;
import dev.swarmledger.protocol.api.TxReceiptJson;
import dev.swarmledger.protocol.api.WorkItemJson;
import dev.swarmledger.protocol.api.WorkItemView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTTP client of API v1 (JDK {@link HttpClient}): one typed method per endpoint, each answer
 * decoded strictly into the views of {@code protocol.api}. Reads are retried with exponential
 * back-off while the node is unreachable or busy; a submitted transaction is retried only when it
 * surely did not arrive, because nonces make a duplicate harmless but noisy (refused as replayed).
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
    TxReceipt r = decode(send(req, false), TxReceiptJson::decode);
    return new Submitted(r.index(), r.leafHash());
  }

  // ---- the log ----

  public String checkpoint() {
    return get("v1/log/checkpoint");
  }

  public String verifierKey() {
    return get("v1/log/key").strip();
  }

  /** Leaf bytes of [start, end); the node may return fewer (bounded pages): call again. */
  public List<byte[]> entries(long start, long end) {
    return read(
        "v1/log/entries",
        Map.of("start", "" + start, "end", "" + end),
        n -> LogEntriesJson.decode(n, start));
  }

  public InclusionProof inclusion(long index, long size) {
    return read(
        "v1/log/proof/inclusion",
        Map.of("index", "" + index, "size", "" + size),
        ProofJson::inclusion);
  }

  public ConsistencyProof consistency(long from, long to) {
    return read(
        "v1/log/proof/consistency",
        Map.of("from", "" + from, "to", "" + to),
        ProofJson::consistency);
  }

  // ---- the swarm's state ----

  /** The account, or empty when the node does not know it. */
  public Optional<AccountView> account(PublicKey id) {
    return absentOn(
        ErrorCode.UNKNOWN_ACCOUNT,
        () -> read("v1/accounts/" + id.hex(), Map.of(), AccountJson::decode));
  }

  /** A result in full (with its source), or empty when the node does not know it. */
  public Optional<ResultView> result(long id) {
    return absentOn(
        ErrorCode.UNKNOWN_RESULT, () -> read("v1/results/" + id, Map.of(), ResultJson::decode));
  }

  /** A page of results, newest first, without their sources. */
  public List<ResultView> results(ResultFilter filter) {
    return read(
        "v1/results", filter.params(), n -> ListJson.decode(n, "results", ResultJson::decode));
  }

  /** The results assigned to {@code verifier} that it has not attested yet. */
  public List<WorkItemView> work(PublicKey verifier) {
    return read(
        "v1/work",
        Map.of("verifier", verifier.hex()),
        n -> ListJson.decode(n, "work", WorkItemJson::decode));
  }

  public List<TrackView> tracks() {
    return read("v1/tracks", Map.of(), n -> ListJson.decode(n, "tracks", TrackJson::decode));
  }

  public Optional<TrackView> track(String id) {
    return tracks().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The track's verified best with its result in full, or empty while it has none. */
  public Optional<BestView> best(String track) {
    return absentOn(
        ErrorCode.NOT_FOUND, () -> read("v1/best", Map.of("track", track), BestJson::decode));
  }

  public LeaderboardView leaderboard(String track) {
    return read("v1/leaderboard", Map.of("track", track), LeaderboardJson::decode);
  }

  public ClaimsPage claims(ClaimFilter filter) {
    return read("v1/claims", filter.params(), ClaimsPageJson::decode);
  }

  public List<HypothesisView> hypotheses(HypothesisFilter filter) {
    return read(
        "v1/hypotheses",
        filter.params(),
        n -> ListJson.decode(n, "hypotheses", HypothesisJson::decode));
  }

  public StatsView stats() {
    return read("v1/stats", Map.of(), StatsJson::decode);
  }

  /** Follows the node's server-sent events until the returned feed is closed. */
  public EventFeed events(Consumer<EventFeed.Event> onEvent) {
    return EventFeed.follow(http, base.resolve("v1/events"), onEvent);
  }

  // ---- transport ----

  private <T> T read(String path, Map<String, String> query, Function<JsonNode, T> decoder) {
    String q =
        query.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return decode(get(q.isEmpty() ? path : path + "?" + q), decoder);
  }

  private static <T> Optional<T> absentOn(ErrorCode code, java.util.function.Supplier<T> read) {
    try {
      return Optional.of(read.get());
    } catch (ApiException e) {
      if (e.is(code)) {
        return Optional.empty();
      }
      throw e;
    }
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
          throw ApiException.unreachable("cannot reach " + base + ": " + e.getMessage());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApiException.unreachable("interrupted");
      }
      sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    }
  }

  private static ApiException toError(HttpResponse<String> res) {
    try {
      return ApiException.answered(
          res.statusCode(), ApiErrorJson.decode(JSON.readTree(res.body())));
    } catch (IOException | RuntimeException ex) {
      return ApiException.unreadable(res.statusCode(), "HTTP " + res.statusCode());
    }
  }

  /** Decodes an answer; one the views refuse is the node's fault, reported as such. */
  private static <T> T decode(String body, Function<JsonNode, T> decoder) {
    try {
      return decoder.apply(JSON.readTree(body));
    } catch (IOException e) {
      throw ApiException.unreadable(200, "node answered with invalid JSON");
    } catch (Rejection e) {
      throw ApiException.unreadable(
          200, "node answered with an unexpected shape: " + e.getMessage());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
