package dev.swarmledger.protocol.api;

import java.util.Map;
import java.util.Optional;

/**
 * Which hypotheses {@code GET /v1/hypotheses} lists: highest priority first, then newest; ids from
 * {@code since} on, at most {@code limit}, optionally of one track.
 */
public record HypothesisFilter(Optional<String> track, long since, int limit) {

  public static HypothesisFilter all() {
    return new HypothesisFilter(Optional.empty(), 0, QueryParams.DEFAULT_LIMIT);
  }

  public HypothesisFilter track(String t) {
    return new HypothesisFilter(Optional.of(t), since, limit);
  }

  public HypothesisFilter limit(int l) {
    return new HypothesisFilter(track, since, l);
  }

  public Map<String, String> params() {
    return QueryParams.encode(track, Optional.empty(), Optional.empty(), since, limit);
  }

  public static HypothesisFilter from(QueryParams q) {
    return new HypothesisFilter(q.get("track"), q.number("since").orElse(0L), q.limit());
  }
}
