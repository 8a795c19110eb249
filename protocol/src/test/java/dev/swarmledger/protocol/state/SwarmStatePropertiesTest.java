package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.Attestation;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.Best;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random swarms: sequences of registrations, grants, claims, results, attestations (honest, lazy,
 * inconsistent), transfers and deliberately invalid transactions from a few keys, applied as leaves
 * with increasing times. After every step the credit invariants hold; a refused tx changes nothing;
 * the best is always a verified result with a best quorum; replaying the accepted leaves from
 * scratch rebuilds the same state root and the same events.
 */
class SwarmStatePropertiesTest {
  private static final int KEYS = 6;
  private static final List<SigningKey> KEY = new ArrayList<>();
  private static final SigningKey OPERATOR = SwarmLog.key(100);
  private static final String[] HARDWARE = {"cpu-amd64", "cuda-a100"};
  private static final String[] IDEAS = {
    "use swiglu in the mlp",
    "mlp: use SwiGLU",
    "cosine learning rate schedule with warmup",
    "rotary position embeddings instead of learned ones",
    "tie input and output embeddings",
    "bigger batch with lower learning rate",
  };
  private static final double[] VAL_BPB = {2.0, 1.9, 1.8, 1.75, 1.5, 1.495, 1.2};
  // The last one is over the track's budget: refused on submission, never minted.
  private static final long[] FLOPS = {
    1, 999_999_999L, 5_000_000_000L, 123_456_789_012_345L, (1L << 53) - 1
  };
  // Trust after 2 verified results, then sample half, so every path of §6 is reachable.
  private static final Policy POLICY =
      new Policy(900, 4096, 5_000_000, 100, 10, 2, 50, 800, 1800, 86_400, 1, 200, 5);

  static {
    for (int i = 0; i < KEYS; i++) {
      KEY.add(SwarmLog.key(i + 1));
    }
  }

  /** One random step; its numbers are interpreted against the state it meets. */
  record Op(int kind, int a, int b, int c) {}

  @Provide
  Arbitrary<List<Op>> swarms() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 999);
    Arbitrary<Integer> kind =
        Arbitraries.frequency(
            java.util.List.of(
                net.jqwik.api.Tuple.of(3, 0), // register
                net.jqwik.api.Tuple.of(3, 1), // grant
                net.jqwik.api.Tuple.of(1, 2), // revoke
                net.jqwik.api.Tuple.of(5, 3), // claim
                net.jqwik.api.Tuple.of(2, 4), // release
                net.jqwik.api.Tuple.of(8, 5), // result
                net.jqwik.api.Tuple.of(14, 6), // attestation
                net.jqwik.api.Tuple.of(3, 7), // transfer
                net.jqwik.api.Tuple.of(1, 8), // hypothesis
                net.jqwik.api.Tuple.of(2, 9), // time passes
                net.jqwik.api.Tuple.of(2, 10), // wrong nonce
                net.jqwik.api.Tuple.of(1, 11))); // track.create
    return Combinators.combine(kind, n, n, n).as(Op::new).list().ofMinSize(30).ofMaxSize(100);
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void invariantsHoldAndReplayAgrees(@ForAll("swarms") List<Op> ops) {
    Swarm s = new Swarm();
    // A fixed opening, so that random steps meet accounts and verifiers.
    for (int i = 0; i < KEYS - 1; i++) {
      s.submit(KEY.get(i), new AccountRegister("acct" + i));
    }
    for (int i = 2; i < KEYS - 1; i++) {
      s.submit(OPERATOR, new VerifierGrant(KEY.get(i).publicKey(), HARDWARE[0]));
    }
    for (Op op : ops) {
      s.step(op);
      s.checkInvariants();
    }
    LedgerState replayed = new LedgerState();
    List<StateEvent> events = new ArrayList<>();
    for (Leaf l : s.leaves) {
      events.addAll(StateMachine.apply(replayed, l));
    }
    assertThat(StateDigest.root(replayed)).isEqualTo(StateDigest.root(s.state));
    assertThat(events).isEqualTo(s.events);
    Statistics.label("verified").collect(count(s.state, Result.Status.VERIFIED) > 0);
    Statistics.label("rejected").collect(count(s.state, Result.Status.REJECTED) > 0);
    Statistics.label("best").collect(s.state.best(SwarmLog.TRACK).isPresent());
    Statistics.label("refused share")
        .collect(s.refused * 10 / Math.max(1, s.refused + s.leaves.size()));
  }

  private static long count(LedgerState st, Result.Status status) {
    return st.results().values().stream().filter(r -> r.status() == status).count();
  }

  /** The log under test and the bookkeeping the random steps need. */
  private static final class Swarm {
    final LedgerState state = new LedgerState();
    final List<Leaf> leaves = new ArrayList<>();
    final List<StateEvent> events = new ArrayList<>();
    final Map<PublicKey, Long> nonces = new HashMap<>();
    final Map<PublicKey, SigningKey> byKey = new HashMap<>();
    Instant now = SwarmLog.START;
    int refused;
    private com.fasterxml.jackson.databind.node.ObjectNode described;

    Swarm() {
      KEY.forEach(k -> byKey.put(k.publicKey(), k));
      submit(
          OPERATOR,
          new Genesis(
              OPERATOR.publicKey(),
              "prop/log",
              POLICY,
              List.of(DefaultTracks.SHAKESPEARE_CHAR.withBudgetFlops(SwarmLog.BUDGET))));
    }

    boolean submit(SigningKey key, TxBody body) {
      return submit(key, body, nonces.getOrDefault(key.publicKey(), 0L));
    }

    /** Applies one leaf; a refusal must leave the state exactly as it was. */
    boolean submit(SigningKey key, TxBody body, long nonce) {
      Leaf leaf = new Leaf(state.size(), now, TxCodec.sign(key, nonce, body));
      try {
        events.addAll(StateMachine.apply(state, leaf));
      } catch (Rejection r) {
        refused++;
        assertThat(StateDigest.describe(state))
            .as("state after refused %s (%s)", body.type(), r.code())
            .isEqualTo(described);
        return false;
      }
      described = StateDigest.describe(state);
      leaves.add(leaf);
      nonces.put(key.publicKey(), nonce + 1);
      now = now.plusMillis(1 + (nonce % 7));
      return true;
    }

    SigningKey anyKey(int n) {
      return n % 11 == 10 ? OPERATOR : KEY.get(n % KEYS);
    }

    void step(Op op) {
      int a = op.a();
      int b = op.b();
      int c = op.c();
      switch (op.kind()) {
        case 0 -> submit(anyKey(a), new AccountRegister("acct" + (b % 8)));
        case 1 ->
            submit(
                c % 10 == 0 ? anyKey(c) : OPERATOR,
                new VerifierGrant(KEY.get(a % KEYS).publicKey(), HARDWARE[b % 2]));
        case 2 -> submit(OPERATOR, new VerifierRevoke(KEY.get(a % KEYS).publicKey()));
        case 3 ->
            submit(
                anyKey(a),
                new ClaimCreate(
                    track(c), IDEAS[b % IDEAS.length], OptionalLong.empty(), sha(source(c % 8))));
        case 4 -> {
          List<Claim> claims = new ArrayList<>(state.claims());
          long id = claims.isEmpty() || b % 5 == 0 ? 10_000 : claims.get(b % claims.size()).id();
          submit(anyKey(a), new ClaimRelease(id));
        }
        case 5 -> submit(anyKey(a), result(b, c));
        case 6 -> attest(a, b, c);
        case 7 -> {
          SigningKey from = anyKey(a);
          long balance = state.account(from.publicKey()).map(Account::balance).orElse(0L);
          long amount = c % 4 == 0 ? balance + 1 : Math.max(1, balance * (c % 100) / 100);
          submit(from, new CreditTransfer(anyKey(b).publicKey(), amount, Optional.of("memo " + c)));
        }
        case 8 -> {
          List<Long> evidence =
              state.results().isEmpty() || b % 3 == 0
                  ? List.of()
                  : List.of(state.results().firstKey() + (b % 3 == 1 ? 0 : 100_000));
          submit(
              anyKey(a),
              new HypothesisCreate(track(c), "idea " + b, "try " + IDEAS[b % 6], "", evidence, 3));
        }
        case 9 -> now = now.plusSeconds(60L * (a % 20));
        case 10 -> {
          SigningKey k = anyKey(a);
          long next = nonces.getOrDefault(k.publicKey(), 0L);
          long wrong = b % 2 == 0 ? next + 1 + b % 3 : Math.max(0, next - 1 - b % 3);
          if (wrong != next) {
            boolean accepted = submit(k, new AccountRegister("late" + c), wrong);
            assertThat(accepted).isFalse();
          }
        }
        case 11 -> {
          TrackSpec t = DefaultTracks.SHAKESPEARE_CHAR;
          TrackSpec other =
              new TrackSpec(
                  "tiny", t.workload(), t.data(), (1L << 40) + b, 0.0, 0.05, 1 + c % 2, 2 + c % 3);
          submit(a % 3 == 0 ? anyKey(a) : OPERATOR, new TrackCreate(other));
        }
        default -> throw new IllegalStateException("kind " + op.kind());
      }
    }

    String track(int n) {
      return n % 9 == 0 && state.track("tiny").isPresent() ? "tiny" : SwarmLog.TRACK;
    }

    static String source(int n) {
      return SwarmLog.source("variant " + n);
    }

    static Hash sha(String s) {
      return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Results whose id is a multiple of three are frauds: honest re-runs do not reproduce them. */
    static boolean fraud(long resultId) {
      return resultId % 3 == 0;
    }

    ResultSubmit result(int b, int c) {
      String src = source(b % 8 + (c % 5 == 0 ? 100 + c : 0));
      Hash declared = c % 13 == 0 ? sha("something else") : sha(src);
      long steps = c % 17 == 0 ? 1_000_000 : 50 + c;
      RunSummary run =
          new RunSummary(
              VAL_BPB[c % VAL_BPB.length],
              FLOPS[b % FLOPS.length],
              1000,
              sha("params " + b + "/" + c),
              List.of(),
              3.5,
              HARDWARE[(b / 7) % 2],
              "cpu",
              "2.10",
              "float32",
              2,
              List.of(3.0, 2.0));
      OptionalLong claim = OptionalLong.empty();
      if (c % 4 == 0 && !state.claims().isEmpty()) {
        List<Claim> claims = new ArrayList<>(state.claims());
        claim = OptionalLong.of(claims.get(c % claims.size()).id());
      }
      return new ResultSubmit(track(c), claim, OptionalLong.empty(), c, steps, src, declared, run);
    }

    void attest(int a, int b, int c) {
      List<Result> pending = new ArrayList<>(state.pendingResults());
      Result r;
      if (pending.isEmpty() && a % 10 != 9) {
        submit(anyKey(a), result(b, c)); // nothing to verify: publish instead
        return;
      }
      if (pending.isEmpty() || a % 10 == 9) {
        if (state.results().isEmpty()) {
          submit(anyKey(b), SwarmLog.exact(a, SwarmLog.run(1.5, 1, "x", HARDWARE[0])));
          return;
        }
        List<Result> all = new ArrayList<>(state.results().values());
        r = all.get(a % all.size());
      } else {
        // Mostly finish the oldest open result, so that outcomes are reached.
        r = pending.get(a % 3 == 0 ? a % pending.size() : 0);
      }
      List<PublicKey> waiting = r.waitingFor();
      SigningKey signer =
          waiting.isEmpty() || b % 8 == 0
              ? anyKey(b)
              : byKey.getOrDefault(waiting.get(b % waiting.size()), OPERATOR);
      String hw =
          state.account(signer.publicKey()).flatMap(Account::verifierClass).orElse(HARDWARE[b % 2]);
      RunSummary claimed = r.submission().run();
      boolean sameClass = hw.equals(claimed.hardwareClass());
      double tol = state.track(r.track()).orElseThrow().tolerance();
      AttestationSubmit body;
      switch (c % 9) {
        case 0, 1, 2, 3, 4 -> {
          // Honest: reproduce, or report the mismatch of a fraud.
          if (fraud(r.id())) {
            body = att(r, Verdict.MISMATCH, claimed.valBpb() + 0.3, claimed.flops(), "t", hw);
          } else if (sameClass) {
            body = att(r, Verdict.EXACT, claimed.valBpb(), claimed.flops(), null, hw);
          } else {
            body =
                att(
                    r,
                    Verdict.WITHIN_TOLERANCE,
                    claimed.valBpb() + tol / 2,
                    claimed.flops(),
                    "o",
                    hw);
          }
        }
        case 5 -> // lazy: says mismatch without re-running
            body = att(r, Verdict.MISMATCH, claimed.valBpb(), claimed.flops(), "lazy", hw);
        case 6 -> // any verdict with honest numbers: often inconsistent
            body = att(r, Verdict.values()[b % 5], claimed.valBpb(), claimed.flops(), null, hw);
        case 7 -> // wrong flop count
            body = att(r, Verdict.values()[b % 2], claimed.valBpb(), claimed.flops() + 1, null, hw);
        default ->
            body =
                new AttestationSubmit(
                    r.id(),
                    b % 2 == 0 ? Verdict.FAILED : Verdict.OVER_BUDGET,
                    0,
                    0,
                    claimed.finalParamHash(),
                    List.of(),
                    1,
                    hw,
                    b % 3 == 0 ? Optional.empty() : Optional.of("crashed"));
      }
      submit(signer, body);
    }

    static AttestationSubmit att(
        Result r, Verdict v, double valBpb, long flops, String paramsTag, String hw) {
      Hash params =
          paramsTag == null
              ? r.submission().run().finalParamHash()
              : sha(paramsTag + r.id() + "/" + valBpb);
      return new AttestationSubmit(
          r.id(), v, valBpb, flops, params, List.of(), 2.0, hw, Optional.empty());
    }

    void checkInvariants() {
      long sum = 0;
      for (Account acct : state.accounts()) {
        assertThat(acct.balance()).isNotNegative();
        assertThat(acct.escrowed()).isNotNegative();
        assertThat(acct.reputation()).isNotNegative();
        assertThat(acct.earned()).isGreaterThanOrEqualTo(0);
        assertThat(acct.pending()).isNotNegative();
        sum += acct.balance() + acct.escrowed() + acct.pending();
      }
      for (Result r : state.results().values()) {
        TrackSpec t = state.track(r.track()).orElseThrow();
        // Never more than the recounted FLOPs (capped by the budget) plus the best's bonus.
        long cap =
            Credits.forFlops(Math.min(r.submission().run().flops(), t.budgetFlops()))
                + (r.becameBest() ? POLICY.newBestBonusMicro() : 0);
        assertThat(r.mintedMicro()).isLessThanOrEqualTo(cap);
        // A best is confirmed bit for bit on the submitter's class by two distinct verifiers.
        if (r.becameBest()) {
          assertThat(
                  r.attestations().stream()
                      .filter(
                          a ->
                              a.verdict() == Verdict.EXACT
                                  && a.hardwareClass().equals(r.submission().run().hardwareClass()))
                      .map(a -> a.verifier())
                      .distinct()
                      .count())
              .isGreaterThanOrEqualTo(2);
        }
      }
      assertThat(state.supply()).isEqualTo(state.minted() - state.burned()).isEqualTo(sum);
      Set<Long> bestIds = new HashSet<>();
      for (TrackSpec t : state.tracks()) {
        Optional<Best> best = state.best(t.id());
        boolean anyBecameBest =
            state.results().values().stream()
                .anyMatch(r -> r.track().equals(t.id()) && r.becameBest());
        assertThat(best.isPresent()).isEqualTo(anyBecameBest);
        if (best.isEmpty()) {
          continue;
        }
        Best b = best.get();
        Result r = state.result(b.result()).orElseThrow();
        assertThat(bestIds.add(b.result())).isTrue();
        assertThat(r.track()).isEqualTo(t.id());
        assertThat(r.status()).isEqualTo(Result.Status.VERIFIED);
        assertThat(r.becameBest()).isTrue();
        assertThat(r.agreeing()).isGreaterThanOrEqualTo(t.bestQuorum());
        // The best is what the verifiers measured, never a claim.
        assertThat(r.verifiedValBpb()).isPresent();
        assertThat(b.valBpb()).isEqualTo(r.verifiedValBpb().getAsDouble());
        assertThat(b.account()).isEqualTo(r.account());
        // No verified result beats the best by the noise floor.
        for (Result other : state.results().values()) {
          if (other.track().equals(t.id())
              && other.status() == Result.Status.VERIFIED
              && other.verifiedValBpb().isPresent()
              && other.becameBest()
              && other.id() > r.id()) {
            assertThat(other.verifiedValBpb().getAsDouble())
                .isGreaterThan(b.valBpb() - t.minImprovement());
          }
        }
      }
      for (Result r : state.results().values()) {
        assertThat(r.assigned()).doesNotContain(r.account()).doesNotHaveDuplicates();
        Set<PublicKey> attesters = new HashSet<>();
        for (Attestation at : r.attestations()) {
          assertThat(attesters.add(at.verifier())).isTrue();
          assertThat(r.assigned()).contains(at.verifier());
        }
        switch (r.status()) {
          case VERIFIED -> {
            if (r.sampled()) {
              assertThat(r.agreeing()).isGreaterThanOrEqualTo(r.quorum());
            } else {
              assertThat(r.attestations()).isEmpty();
              assertThat(r.candidateBest()).isFalse();
            }
          }
          case REJECTED -> {
            assertThat(r.disagreeing()).isGreaterThanOrEqualTo(r.quorum());
            assertThat(r.mintedMicro()).isZero();
          }
          case PENDING -> {
            assertThat(r.agreeing()).isLessThan(r.quorum());
            assertThat(r.disagreeing()).isLessThan(r.quorum());
          }
        }
      }
    }
  }
}
