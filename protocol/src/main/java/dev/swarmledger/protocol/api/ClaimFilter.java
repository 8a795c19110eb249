package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which claims {@code GET /v1/claims} lists: newest first, ids from {@code since} on, at most
 * {@code limit}, optionally of one track, account or (served) status.
 */
public record ClaimFilter(
    Optional<String> track,
    Optional<PublicKey> account,
    Optional<ClaimView.Status> status,
    long since,
    int limit) {

  /** The statuses a client may ask for: the API's words, so never {@code open}. */
  public static final List<ClaimView.Status> SERVED =
      List.of(
          ClaimView.Status.ACTIVE,
          ClaimView.Status.EXPIRED,
          ClaimView.Status.RELEASED,
          ClaimView.Status.FULFILLED);

  public static ClaimFilter all() {
    return new ClaimFilter(
        Optional.empty(), Optional.empty(), Optional.empty(), 0, QueryParams.DEFAULT_LIMIT);
  }

  public ClaimFilter track(String t) {
    return new ClaimFilter(Optional.of(t), account, status, since, limit);
  }

  public ClaimFilter account(PublicKey a) {
    return new ClaimFilter(track, Optional.of(a), status, since, limit);
  }

  public ClaimFilter status(ClaimView.Status s) {
    if (!SERVED.contains(s)) {
      throw new IllegalArgumentException("the API shows open claims as active");
    }
    return new ClaimFilter(track, account, Optional.of(s), since, limit);
  }

  public ClaimFilter limit(int l) {
    return new ClaimFilter(track, account, status, since, l);
  }

  /** Whether a claim, already in the API's words, passes the filter. */
  public boolean matches(ClaimView c) {
    return track.map(t -> t.equals(c.track())).orElse(true)
        && account.map(a -> a.equals(c.account())).orElse(true)
        && status.map(s -> s == c.status()).orElse(true);
  }

  public Map<String, String> params() {
    return QueryParams.encode(track, account, status.map(ClaimView.Status::wireName), since, limit);
  }

  public static ClaimFilter from(QueryParams q) {
    Optional<ClaimView.Status> status =
        q.get("status")
            .map(
                v ->
                    SERVED.stream()
                        .filter(s -> s.wireName().equals(v))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                QueryParams.notOneOf(
                                    "status", "active, expired, released, fulfilled")));
    return new ClaimFilter(
        q.get("track"), q.account("account"), status, q.number("since").orElse(0L), q.limit());
  }
}
