package dev.swarmledger.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateDescriptions;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Handlers of the swarm's shared memory: tracks, claims, hypotheses, results, best, work, stats.
 */
public final class SwarmApi {
  /** Largest page of any list endpoint. */
  public static final int MAX_PAGE = 500;

  private static final String DASHBOARD = loadDashboard();

  private final LedgerLog log;
  private final Supplier<Integer> subscribers;

  public SwarmApi(LedgerLog log, Supplier<Integer> subscribers) {
    this.log = log;
    this.subscribers = subscribers;
  }

  public void register(Routes routes) {
    routes
        .get("/v1/tracks", r -> log.read(this::tracks))
        .get("/v1/claims", r -> log.read(s -> claims(s, r)))
        .get("/v1/hypotheses", r -> log.read(s -> hypotheses(s, r)))
        .get("/v1/results", r -> log.read(s -> results(s, r)))
        .get("/v1/results/{id}", r -> log.read(s -> result(s, r)))
        .get("/v1/best", r -> log.read(s -> best(s, r)))
        .get("/v1/leaderboard", r -> log.read(s -> leaderboard(s, r)))
        .get("/v1/work", r -> log.read(s -> work(s, r)))
        .get("/v1/stats", r -> log.read(this::stats))
        .get("/", r -> ApiResponse.html(DASHBOARD));
  }

  private ApiResponse tracks(LedgerState s) {
    ObjectNode o = ApiResponse.JSON.createObjectNode();
    ArrayNode arr = o.putArray("tracks");
    for (TrackSpec t : s.tracks()) {
      ObjectNode tn = StateDescriptions.track(t);
      s.best(t.id()).ifPresent(b -> tn.set("best", StateDescriptions.best(b)));
      arr.add(tn);
    }
    return ApiResponse.json(o);
  }

  private ApiResponse claims(LedgerState s, ApiRequest r) {
    Optional<String> track = trackParam(s, r);
    Optional<String> account = accountParam(r);
    Optional<String> status = r.param("status");
    status.ifPresent(v -> requireOneOf("status", v, "active", "expired", "released", "fulfilled"));
    long since = r.optionalLongParam("since").orElse(0L);
    int limit = limit(r);
    ObjectNode o = ApiResponse.JSON.createObjectNode();
    ArrayNode arr = o.putArray("claims");
    for (Claim c : s.claimsNewestFirst()) {
      if (arr.size() >= limit || c.id() < since) {
        break;
      }
      ObjectNode cn = StateDescriptions.claim(c, s.lastTime());
      String st = cn.get("status").asText().equals("open") ? "active" : cn.get("status").asText();
      cn.put("status", st);
      if (track.map(t -> t.equals(c.track())).orElse(true)
          && account.map(a -> a.equals(c.account().hex())).orElse(true)
          && status.map(x -> x.equals(st)).orElse(true)) {
        arr.add(cn);
      }
    }
    o.put("now", dev.swarmledger.protocol.tx.LeafCodec.formatTime(s.lastTime()));
    return ApiResponse.json(o);
  }

  private ApiResponse hypotheses(LedgerState s, ApiRequest r) {
    Optional<String> track = trackParam(s, r);
    long since = r.optionalLongParam("since").orElse(0L);
    int limit = limit(r);
    ObjectNode o = ApiResponse.JSON.createObjectNode();
    ArrayNode arr = o.putArray("hypotheses");
    s.hypotheses().stream()
        .filter(h -> h.id() >= since && track.map(t -> t.equals(h.track())).orElse(true))
        .sorted(
            Comparator.comparingInt((dev.swarmledger.protocol.claims.Hypothesis h) -> -h.priority())
                .thenComparing(h -> -h.id()))
        .limit(limit)
        .forEach(h -> arr.add(StateDescriptions.hypothesis(h)));
    return ApiResponse.json(o);
  }

  private ApiResponse results(LedgerState s, ApiRequest r) {
    Optional<String> track = trackParam(s, r);
    Optional<String> account = accountParam(r);
    Optional<String> status = r.param("status");
    status.ifPresent(v -> requireOneOf("status", v, "pending", "verified", "rejected"));
    long since = r.optionalLongParam("since").orElse(0L);
    int limit = limit(r);
    ObjectNode o = ApiResponse.JSON.createObjectNode();
    ArrayNode arr = o.putArray("results");
    for (Result res : s.results().tailMap(since, true).descendingMap().values()) {
      if (arr.size() >= limit) {
        break;
      }
      if (track.map(t -> t.equals(res.track())).orElse(true)
          && account.map(a -> a.equals(res.account().hex())).orElse(true)
          && status.map(x -> x.equals(res.status().wireName())).orElse(true)) {
        arr.add(StateDescriptions.result(res, false));
      }
    }
    return ApiResponse.json(o);
  }

  private ApiResponse result(LedgerState s, ApiRequest r) {
    String raw = r.pathParam("id");
    if (!raw.matches("[0-9]{1,15}")) {
      throw new Rejection(ErrorCode.INVALID_QUERY, "result id must be a non-negative integer");
    }
    long id = Long.parseLong(raw);
    return s.result(id)
        .map(res -> ApiResponse.json(StateDescriptions.result(res, true)))
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_RESULT, "unknown result " + id));
  }

  private ApiResponse best(LedgerState s, ApiRequest r) {
    String track =
        trackParam(s, r)
            .orElseThrow(
                () -> new Rejection(ErrorCode.INVALID_QUERY, "missing query parameter 'track'"));
    return s.best(track)
        .map(
            b -> {
              ObjectNode o = StateDescriptions.best(b);
              o.set(
                  "result_detail",
                  StateDescriptions.result(s.result(b.result()).orElseThrow(), true));
              return ApiResponse.json(o);
            })
        .orElseThrow(
            () ->
                new Rejection(ErrorCode.NOT_FOUND, "track " + track + " has no verified best yet"));
  }

  /** Accounts ranked by their best verified val_bpb on the track. */
  private ApiResponse leaderboard(LedgerState s, ApiRequest r) {
    String track =
        trackParam(s, r)
            .orElseThrow(
                () -> new Rejection(ErrorCode.INVALID_QUERY, "missing query parameter 'track'"));
    record Row(
        String account,
        double best,
        long bestResult,
        long verified,
        long rejected,
        long pending,
        long minted) {}
    Map<String, long[]> counts = new HashMap<>();
    Map<String, double[]> bests = new HashMap<>();
    for (Result res : s.results().values()) {
      if (!res.track().equals(track)) {
        continue;
      }
      String a = res.account().hex();
      long[] c = counts.computeIfAbsent(a, k -> new long[5]);
      switch (res.status()) {
        case VERIFIED -> {
          c[0]++;
          c[3] += res.mintedMicro();
          double[] b = bests.computeIfAbsent(a, k -> new double[] {Double.POSITIVE_INFINITY, -1});
          if (res.valBpb() < b[0]) {
            b[0] = res.valBpb();
            b[1] = res.id();
          }
        }
        case REJECTED -> c[1]++;
        case PENDING -> c[2]++;
      }
    }
    List<Row> rows =
        counts.entrySet().stream()
            .map(
                e -> {
                  double[] b =
                      bests.getOrDefault(e.getKey(), new double[] {Double.POSITIVE_INFINITY, -1});
                  long[] c = e.getValue();
                  return new Row(e.getKey(), b[0], (long) b[1], c[0], c[1], c[2], c[3]);
                })
            .sorted(Comparator.comparingDouble(Row::best).thenComparing(Row::account))
            .toList();
    ObjectNode o = ApiResponse.JSON.createObjectNode();
    o.put("track", track);
    ArrayNode arr = o.putArray("leaderboard");
    int rank = 0;
    for (Row row : rows) {
      ObjectNode n = arr.addObject();
      n.put("rank", ++rank);
      n.put("account", row.account());
      s.account(row.account())
          .ifPresent(
              a -> {
                n.put("name", a.name());
                n.put("earned", a.earned());
                n.put("reputation", a.reputation());
              });
      if (row.bestResult() >= 0) {
        n.put("best_val_bpb", row.best());
        n.put("best_result", row.bestResult());
      }
      n.put("verified", row.verified());
      n.put("rejected", row.rejected());
      n.put("pending", row.pending());
      n.put("minted_for_results", row.minted());
    }
    return ApiResponse.json(o);
  }

  private ApiResponse work(LedgerState s, ApiRequest r) {
    String verifier = r.requiredParam("verifier");
    var id = TxCodec.accountId(verifier, "verifier");
    ObjectNode o = ApiResponse.JSON.createObjectNode();
    ArrayNode arr = o.putArray("work");
    for (Result res : s.pendingResults()) {
      if (arr.size() >= MAX_PAGE) {
        break;
      }
      if (res.assigned().contains(id) && !res.attestedBy(id)) {
        ObjectNode n = arr.addObject();
        n.put("result", res.id());
        n.put("track", res.track());
        n.put("seed", res.submission().seed());
        n.put("steps", res.submission().steps());
        n.put("source_sha256", res.submission().sourceSha256().hex());
        n.put("hardware_class", res.submission().run().hardwareClass());
      }
    }
    return ApiResponse.json(o);
  }

  private ApiResponse stats(LedgerState s) {
    ObjectNode o = ApiResponse.JSON.createObjectNode();
    o.put("log_size", s.size());
    o.put("accounts", s.accounts().size());
    o.put("verifiers", s.accounts().stream().filter(Account::isVerifier).count());
    long[] byStatus = new long[3];
    long verifiedFlops = 0;
    for (Result res : s.results().values()) {
      byStatus[res.status().ordinal()]++;
      if (res.status() == Result.Status.VERIFIED) {
        verifiedFlops += res.submission().run().flops();
      }
    }
    ObjectNode results = o.putObject("results");
    results.put("pending", byStatus[0]);
    results.put("verified", byStatus[1]);
    results.put("rejected", byStatus[2]);
    o.put("verified_flops", verifiedFlops);
    o.put("claims_active", s.claims().stream().filter(c -> c.activeAt(s.lastTime())).count());
    o.put("hypotheses", s.hypotheses().size());
    o.put("minted", s.minted());
    o.put("burned", s.burned());
    o.put("supply", s.supply());
    ArrayNode bests = o.putArray("best");
    s.tracks().forEach(t -> s.best(t.id()).ifPresent(b -> bests.add(StateDescriptions.best(b))));
    o.put("event_subscribers", subscribers.get());
    return ApiResponse.json(o);
  }

  private static String loadDashboard() {
    try (var in = SwarmApi.class.getResourceAsStream("/dashboard/index.html")) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource missing from the build");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Optional<String> trackParam(LedgerState s, ApiRequest r) {
    Optional<String> t = r.param("track");
    t.ifPresent(
        id ->
            s.track(id)
                .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_TRACK, "unknown track " + id)));
    return t;
  }

  private static Optional<String> accountParam(ApiRequest r) {
    Optional<String> a = r.param("account");
    a.ifPresent(id -> TxCodec.accountId(id, "account"));
    return a;
  }

  private static int limit(ApiRequest r) {
    long l = r.optionalLongParam("limit").orElse(100L);
    if (l < 1 || l > MAX_PAGE) {
      throw new Rejection(ErrorCode.INVALID_QUERY, "limit must be 1.." + MAX_PAGE);
    }
    return (int) l;
  }

  private static void requireOneOf(String name, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw new Rejection(
        ErrorCode.INVALID_QUERY, name + " must be one of " + String.join(", ", allowed));
  }
}
