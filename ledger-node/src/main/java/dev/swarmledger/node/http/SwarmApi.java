package dev.swarmledger.node.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.query.ClaimQuery;
import dev.swarmledger.node.query.DashboardQuery;
import dev.swarmledger.node.query.HypothesisQuery;
import dev.swarmledger.node.query.JobQuery;
import dev.swarmledger.node.query.LeaderboardQuery;
import dev.swarmledger.node.query.ResultQuery;
import dev.swarmledger.node.query.StatsQuery;
import dev.swarmledger.node.query.TrackQuery;
import dev.swarmledger.node.query.WorkQuery;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.BestJson;
import dev.swarmledger.protocol.api.ClaimFilter;
import dev.swarmledger.protocol.api.ClaimsPageJson;
import dev.swarmledger.protocol.api.HypothesisFilter;
import dev.swarmledger.protocol.api.HypothesisJson;
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobJson;
import dev.swarmledger.protocol.api.LeaderboardJson;
import dev.swarmledger.protocol.api.ListJson;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.StatsJson;
import dev.swarmledger.protocol.api.TrackJson;
import dev.swarmledger.protocol.api.WorkItemJson;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.tx.TxCodec;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Handlers of the swarm's shared memory (tracks, claims, hypotheses, results, best, work, jobs,
 * stats): each parses its parameters, asks a query service under the log's read lock and encodes
 * the view.
 */
public final class SwarmApi {
  private final LedgerLog log;
  private final Supplier<Integer> subscribers;

  public SwarmApi(LedgerLog log, Supplier<Integer> subscribers) {
    this.log = log;
    this.subscribers = subscribers;
  }

  public void register(Routes routes) {
    routes
        .get(
            "/v1/tracks",
            r -> read(s -> ListJson.encode("tracks", TrackQuery.all(s), TrackJson::encode)))
        .get("/v1/claims", r -> claims(ClaimFilter.from(r::param)))
        .get("/v1/hypotheses", r -> hypotheses(HypothesisFilter.from(r::param)))
        .get("/v1/results", r -> results(ResultFilter.from(r::param)))
        .get("/v1/results/{id}", r -> result(id(r, "result")))
        .get("/v1/jobs", r -> jobs(JobFilter.from(r::param)))
        .get("/v1/jobs/{id}", r -> job(id(r, "job")))
        .get("/v1/best", r -> best(r.requiredParam("track")))
        .get("/v1/leaderboard", r -> leaderboard(r.requiredParam("track")))
        .get("/v1/work", r -> work(TxCodec.accountId(r.requiredParam("verifier"), "verifier")))
        .get("/v1/stats", r -> read(s -> StatsJson.encode(StatsQuery.of(s, subscribers.get()))))
        .get("/v1/dashboard", r -> dashboard(r.optionalLongParam("points")))
        .get("/", r -> DashboardPage.page())
        .get("/dashboard/{name}", r -> DashboardPage.asset(r.pathParam("name")));
  }

  private ApiResponse dashboard(Optional<Long> points) {
    long n = points.orElse((long) DashboardQuery.DEFAULT_POINTS);
    if (n < 2 || n > DashboardQuery.MAX_POINTS) {
      throw new Rejection(
          ErrorCode.INVALID_QUERY, "points must be in [2, " + DashboardQuery.MAX_POINTS + "]");
    }
    return read(s -> DashboardJson.encode(DashboardQuery.of(s, (int) n)));
  }

  private ApiResponse claims(ClaimFilter f) {
    return read(s -> ClaimsPageJson.encode(ClaimQuery.page(s, f)));
  }

  private ApiResponse hypotheses(HypothesisFilter f) {
    return read(
        s -> ListJson.encode("hypotheses", HypothesisQuery.page(s, f), HypothesisJson::encode));
  }

  private ApiResponse results(ResultFilter f) {
    return read(s -> ListJson.encode("results", ResultQuery.page(s, f), ResultJson::encode));
  }

  private ApiResponse result(long id) {
    return read(s -> ResultJson.encode(ResultQuery.one(s, id)));
  }

  private ApiResponse jobs(JobFilter f) {
    return read(s -> ListJson.encode("jobs", JobQuery.page(s, f), JobJson::encode));
  }

  private ApiResponse job(long id) {
    return read(s -> JobJson.encode(JobQuery.one(s, id)));
  }

  private ApiResponse best(String track) {
    return read(s -> BestJson.encode(TrackQuery.best(s, track)));
  }

  private ApiResponse leaderboard(String track) {
    return read(s -> LeaderboardJson.encode(LeaderboardQuery.of(s, track)));
  }

  private ApiResponse work(PublicKey verifier) {
    return read(s -> ListJson.encode("work", WorkQuery.of(s, verifier), WorkItemJson::encode));
  }

  private ApiResponse read(Function<LedgerState, ObjectNode> query) {
    return ApiResponse.json(log.read(query::apply));
  }

  /** The {@code {id}} of a result or job path: a non-negative decimal integer. */
  private static long id(ApiRequest r, String what) {
    String raw = r.pathParam("id");
    if (!raw.matches("[0-9]{1,15}")) {
      throw new Rejection(ErrorCode.INVALID_QUERY, what + " id must be a non-negative integer");
    }
    return Long.parseLong(raw);
  }
}
