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
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobJson;
import dev.swarmledger.protocol.api.JobView;
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
import dev.swarmledger.protocol.blobs.BlobPutSignature;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.tx.Tx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
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

  /** A job in full (a training job with its source), or empty when the node does not know it. */
  public Optional<JobView> job(long id) {
    return absentOn(ErrorCode.UNKNOWN_JOB, () -> read("v1/jobs/" + id, Map.of(), JobJson::decode));
  }

  /** A page of jobs, newest first, without training sources. */
  public List<JobView> jobs(JobFilter filter) {
    return read("v1/jobs", filter.params(), n -> ListJson.decode(n, "jobs", JobJson::decode));
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

  // ---- blobs ----

  /**
   * An uploaded blob: its hash, its size, and whether this upload stored it (else it was there).
   */
  public record BlobPut(Hash sha256, long size, boolean created) {}

  /**
   * Uploads {@code bytes} as the blob named by their SHA-256, signed by {@code uploader}, the
   * account whose logged transaction references that hash.
   */
  public BlobPut putBlob(SigningKey uploader, byte[] bytes) {
    Hash hash = Hash.sha256(bytes);
    return putBlob(uploader, hash, bytes.length, HttpRequest.BodyPublishers.ofByteArray(bytes));
  }

  /** Uploads the file at {@code file} (streamed from disk twice: to hash it, then to send it). */
  public BlobPut putBlob(SigningKey uploader, Path file) {
    try {
      long size = Files.size(file);
      Hash hash;
      try (InputStream in = Files.newInputStream(file)) {
        hash = sha256(in, OutputStream.nullOutputStream());
      }
      return putBlob(uploader, hash, size, HttpRequest.BodyPublishers.ofFile(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private BlobPut putBlob(
      SigningKey uploader, Hash hash, long size, HttpRequest.BodyPublisher body) {
    byte[] sig = BlobPutSignature.sign(uploader, hash, size);
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("v1/blobs/" + hash.hex()))
            .timeout(Duration.ofMinutes(10))
            .header("Content-Type", "application/octet-stream")
            .header(BlobPutSignature.ACCOUNT_HEADER, uploader.publicKey().hex())
            .header(BlobPutSignature.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(sig))
            .PUT(body)
            .build();
    // A PUT of content-addressed bytes is idempotent: retrying it is always safe.
    JsonNode answer = decode(send(req, true), n -> n);
    return new BlobPut(hash, size, answer.path("created").asBoolean(false));
  }

  /**
   * Downloads the blob {@code sha256} to {@code target}, streaming through a temp file beside it
   * and moving it into place only once its SHA-256 matches: {@code target} never holds wrong bytes.
   * False when the node has no such blob.
   */
  public boolean getBlob(Hash sha256, Path target) {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("v1/blobs/" + sha256.hex()))
            .timeout(Duration.ofMinutes(10))
            .GET()
            .build();
    HttpResponse<InputStream> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw ApiException.unreachable("cannot reach " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unreachable("interrupted");
    }
    try (InputStream body = res.body()) {
      if (res.statusCode() != 200) {
        ApiException e =
            toError(
                res.statusCode(), new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        if (e.is(ErrorCode.UNKNOWN_BLOB)) {
          return false;
        }
        throw e;
      }
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
      try {
        Hash got;
        try (OutputStream out = Files.newOutputStream(part)) {
          got = sha256(body, out);
        }
        if (!got.equals(sha256)) {
          throw ApiException.unreadable(
              200, "node sent bytes hashing to " + got.hex() + " for blob " + sha256.hex());
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        return true;
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw ApiException.unreachable("download of blob " + sha256.hex() + " failed: " + e);
    }
  }

  /** Copies {@code in} to {@code out} and returns the SHA-256 of what passed. */
  private static Hash sha256(InputStream in, OutputStream out) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) >= 0; ) {
      digest.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    return Hash.of(digest.digest());
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
    return toError(res.statusCode(), res.body());
  }

  private static ApiException toError(int status, String body) {
    try {
      return ApiException.answered(status, ApiErrorJson.decode(JSON.readTree(body)));
    } catch (IOException | RuntimeException ex) {
      return ApiException.unreadable(status, "HTTP " + status);
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
