package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobKind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which jobs {@code GET /v1/jobs} lists: newest first, ids from {@code since} on, at most {@code
 * limit}, optionally in one state, of one kind, of one spender, run by one worker (its lease,
 * completion or payment), or assigned to one verifier for a re-run.
 */
public record JobFilter(
    Optional<Job.Status> state,
    Optional<JobKind> kind,
    Optional<PublicKey> spender,
    Optional<PublicKey> worker,
    Optional<PublicKey> verifier,
    long since,
    int limit) {

  public static JobFilter all() {
    return new JobFilter(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0,
        QueryParams.DEFAULT_LIMIT);
  }

  public JobFilter state(Job.Status s) {
    return new JobFilter(Optional.of(s), kind, spender, worker, verifier, since, limit);
  }

  public JobFilter kind(JobKind k) {
    return new JobFilter(state, Optional.of(k), spender, worker, verifier, since, limit);
  }

  public JobFilter spender(PublicKey a) {
    return new JobFilter(state, kind, Optional.of(a), worker, verifier, since, limit);
  }

  public JobFilter worker(PublicKey a) {
    return new JobFilter(state, kind, spender, Optional.of(a), verifier, since, limit);
  }

  public JobFilter verifier(PublicKey a) {
    return new JobFilter(state, kind, spender, worker, Optional.of(a), since, limit);
  }

  public JobFilter since(long id) {
    return new JobFilter(state, kind, spender, worker, verifier, id, limit);
  }

  public JobFilter limit(int l) {
    return new JobFilter(state, kind, spender, worker, verifier, since, l);
  }

  public boolean matches(Job j) {
    return j.id() >= since
        && state.map(s -> s == j.status()).orElse(true)
        && kind.map(k -> k == j.kind()).orElse(true)
        && spender.map(a -> a.equals(j.spender())).orElse(true)
        && worker.map(a -> ranBy(j, a)).orElse(true)
        && verifier.map(a -> j.check().map(c -> c.account().equals(a)).orElse(false)).orElse(true);
  }

  private static boolean ranBy(Job j, PublicKey a) {
    return j.lease().map(l -> l.account().equals(a)).orElse(false)
        || j.completion().map(c -> c.worker().equals(a)).orElse(false)
        || j.settlement().flatMap(Job.Settlement::worker).map(a::equals).orElse(false);
  }

  /** The query parameters that ask for this filter. */
  public Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    state.ifPresent(s -> p.put("state", s.wireName()));
    kind.ifPresent(k -> p.put("kind", k.wireName()));
    spender.ifPresent(a -> p.put("spender", a.hex()));
    worker.ifPresent(a -> p.put("worker", a.hex()));
    verifier.ifPresent(a -> p.put("verifier", a.hex()));
    if (since > 0) {
      p.put("since", Long.toString(since));
    }
    p.put("limit", Integer.toString(limit));
    return p;
  }

  public static JobFilter from(QueryParams q) {
    Optional<Job.Status> state =
        q.get("state")
            .map(
                v ->
                    Arrays.stream(Job.Status.values())
                        .filter(s -> s.wireName().equals(v))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                QueryParams.notOneOf(
                                    "state",
                                    Arrays.stream(Job.Status.values())
                                        .map(Job.Status::wireName)
                                        .collect(Collectors.joining(", ")))));
    Optional<JobKind> kind =
        q.get("kind")
            .map(
                v ->
                    JobKind.fromWire(v)
                        .orElseThrow(() -> QueryParams.notOneOf("kind", "train, infer")));
    return new JobFilter(
        state,
        kind,
        q.account("spender"),
        q.account("worker"),
        q.account("verifier"),
        q.number("since").orElse(0L),
        q.limit());
  }
}
