package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.results.Result;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which results {@code GET /v1/results} lists: newest first, ids from {@code since} on, at most
 * {@code limit}, optionally of one track, account or status.
 */
public record ResultFilter(
    Optional<String> track,
    Optional<PublicKey> account,
    Optional<Result.Status> status,
    long since,
    int limit) {

  /** The newest results of every track. */
  public static ResultFilter all() {
    return new ResultFilter(
        Optional.empty(), Optional.empty(), Optional.empty(), 0, QueryParams.DEFAULT_LIMIT);
  }

  public ResultFilter track(String t) {
    return new ResultFilter(Optional.of(t), account, status, since, limit);
  }

  public ResultFilter account(PublicKey a) {
    return new ResultFilter(track, Optional.of(a), status, since, limit);
  }

  public ResultFilter status(Result.Status s) {
    return new ResultFilter(track, account, Optional.of(s), since, limit);
  }

  public ResultFilter limit(int l) {
    return new ResultFilter(track, account, status, since, l);
  }

  public boolean matches(Result r) {
    return track.map(t -> t.equals(r.track())).orElse(true)
        && account.map(a -> a.equals(r.account())).orElse(true)
        && status.map(s -> s == r.status()).orElse(true);
  }

  /** The query parameters that ask for this filter. */
  public Map<String, String> params() {
    return QueryParams.encode(track, account, status.map(Result.Status::wireName), since, limit);
  }

  public static ResultFilter from(QueryParams q) {
    Optional<Result.Status> status =
        q.get("status")
            .map(
                v ->
                    Arrays.stream(Result.Status.values())
                        .filter(s -> s.wireName().equals(v))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                QueryParams.notOneOf(
                                    "status",
                                    Arrays.stream(Result.Status.values())
                                        .map(Result.Status::wireName)
                                        .collect(Collectors.joining(", ")))));
    return new ResultFilter(
        q.get("track"), q.account("account"), status, q.number("since").orElse(0L), q.limit());
  }
}
