package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.claim;
import static dev.swarmledger.protocol.state.SwarmLog.exact;
import static dev.swarmledger.protocol.state.SwarmLog.result;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.BestJson;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ClaimJson;
import dev.swarmledger.protocol.api.ClaimView;
import dev.swarmledger.protocol.api.HypothesisJson;
import dev.swarmledger.protocol.api.HypothesisView;
import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.TrackJson;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.AttestationSubmit;
import dev.swarmledger.protocol.tx.ClaimRelease;
import dev.swarmledger.protocol.tx.HypothesisCreate;
import dev.swarmledger.protocol.tx.PolicyCodec;
import dev.swarmledger.protocol.tx.RunSummary;
import dev.swarmledger.protocol.tx.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API view codecs write, byte for byte in canonical form, what {@link StateDescriptions} writes
 * for the same state objects, so the state root can move onto them without changing.
 */
class ViewCompatibilityTest {
  private static SwarmLog log;

  @BeforeAll
  static void buildState() {
    log = new SwarmLog();
    SigningKey alice = log.register(1, "alice");
    SigningKey bob = log.register(2, "bob");
    Map<PublicKey, SigningKey> verifiers =
        Map.of(
            log.verifier(3, "v1", CPU).publicKey(), SwarmLog.key(3),
            log.verifier(4, "v2", CPU).publicKey(), SwarmLog.key(4),
            log.verifier(5, "v3", CPU).publicKey(), SwarmLog.key(5));
    long claimId = log.next();
    log.apply(alice, claim("try a wider mlp", source("wide")));
    long released = log.next();
    log.apply(bob, claim("try rotary embeddings", source("rope")));
    log.apply(bob, new ClaimRelease(released));
    log.apply(
        alice,
        new HypothesisCreate(
            SwarmLog.TRACK, "wider", "a wider mlp helps", "d_ff = 4d", List.of(), 3));

    RunSummary good = run(1.5, 10_000_000_000L, "good", CPU);
    long verified = log.next();
    log.apply(alice, result(source("wide"), good));
    for (PublicKey v : log.result(verified).assigned()) {
      log.apply(verifiers.get(v), exact(verified, good));
    }
    RunSummary bad = run(1.2, 10_000_000_000L, "bad", CPU);
    long rejected = log.next();
    log.apply(bob, result(source("bad"), bad));
    for (PublicKey v : log.result(rejected).assigned()) {
      log.apply(
          verifiers.get(v),
          new AttestationSubmit(
              rejected,
              Verdict.MISMATCH,
              1.9,
              bad.flops(),
              bad.finalParamHash(),
              List.of(),
              11.0,
              CPU,
              Optional.of("val_bpb differs")));
    }
    log.apply(alice, result(source("pending"), run(1.4, 10_000_000_000L, "p", CPU)));
    log.apply(bob, claim("try a deeper model", source("deep")));
    log.advance(Duration.ofDays(2)); // the last claim expires
    log.apply(alice, claim("try weight tying", source("tie")));
    assertThat(log.state.claim(claimId)).isPresent();
  }

  @Test
  void theStateCoversEveryShape() {
    LedgerState s = log.state;
    assertThat(s.results().values()).extracting(Result::status).contains(Result.Status.values());
    assertThat(s.best(SwarmLog.TRACK)).isPresent();
    assertThat(s.claims().stream().map(c -> ClaimView.of(c, s.lastTime()).status()))
        .contains(ClaimView.Status.OPEN, ClaimView.Status.EXPIRED, ClaimView.Status.RELEASED);
    assertThat(s.accounts()).anyMatch(Account::isVerifier).anyMatch(a -> !a.isVerifier());
    assertThat(s.hypotheses()).isNotEmpty();
  }

  @Test
  void accountsMatch() {
    for (Account a : log.state.accounts()) {
      same(StateDescriptions.account(a), AccountJson.encode(AccountView.of(a)));
    }
  }

  @Test
  void tracksAndBestsMatch() {
    LedgerState s = log.state;
    for (var t : s.tracks()) {
      ObjectNode described = StateDescriptions.track(t);
      s.best(t.id()).ifPresent(b -> described.set("best", StateDescriptions.best(b)));
      same(described, TrackJson.encode(TrackView.of(t, s)));
    }
    Best best = s.best(SwarmLog.TRACK).orElseThrow();
    same(StateDescriptions.best(best), BestJson.encode(BestView.of(best)));
  }

  @Test
  void claimsMatch() {
    for (Claim c : log.state.claims()) {
      same(
          StateDescriptions.claim(c, log.state.lastTime()),
          ClaimJson.encode(ClaimView.of(c, log.state.lastTime())));
    }
  }

  @Test
  void hypothesesMatch() {
    for (Hypothesis h : log.state.hypotheses()) {
      same(StateDescriptions.hypothesis(h), HypothesisJson.encode(HypothesisView.of(h)));
    }
  }

  @Test
  void resultsMatchWithAndWithoutSource() {
    for (Result r : log.state.results().values()) {
      same(StateDescriptions.result(r, false), ResultJson.encode(ResultView.of(r, false)));
      same(StateDescriptions.result(r, true), ResultJson.encode(ResultView.of(r, true)));
    }
  }

  @Test
  void aDigestBuiltFromTheViewsHasTheSameRoot() {
    assertThat(StrictJson.canonical(describeWithViews(log.state)))
        .isEqualTo(StrictJson.canonical(StateDigest.describe(log.state)));
  }

  /** What {@link StateDigest#describe} becomes once it is switched onto the view codecs. */
  private static ObjectNode describeWithViews(LedgerState s) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("size", s.size());
    o.put("last_time", s.lastTime().toEpochMilli());
    s.operator().ifPresent(op -> o.put("operator", op.hex()));
    s.origin().ifPresent(or -> o.put("origin", or));
    o.set("policy", PolicyCodec.encode(s.policy()));
    o.put("minted", s.minted());
    o.put("burned", s.burned());
    put(o, "accounts", s.accounts(), a -> AccountJson.encode(AccountView.of(a)));
    put(o, "tracks", s.tracks(), t -> TrackJson.encode(TrackView.of(t, s)));
    put(o, "claims", s.claims(), c -> ClaimJson.encode(ClaimView.of(c, s.lastTime())));
    put(o, "hypotheses", s.hypotheses(), h -> HypothesisJson.encode(HypothesisView.of(h)));
    put(o, "results", s.results().values(), r -> ResultJson.encode(ResultView.of(r, false)));
    return o;
  }

  private static <T> void put(
      ObjectNode o, String name, Iterable<T> items, Function<T, ObjectNode> encode) {
    ArrayNode a = o.putArray(name);
    items.forEach(i -> a.add(encode.apply(i)));
  }

  private static void same(ObjectNode described, ObjectNode view) {
    assertThat(StrictJson.canonicalString(view)).isEqualTo(StrictJson.canonicalString(described));
  }
}
