package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.TestKeys;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random mixes of valid and invalid transactions from a handful of keys, with random nonces and
 * times: a refused transaction changes nothing, the accepted leaves replay to the same state, and
 * credits are conserved.
 */
class StateMachinePropertiesTest {
  private static final int KEYS = 5; // key 0 is the operator
  private static final SigningKey[] KEY = new SigningKey[KEYS];
  private static final String[] NAMES = {"operator", "ann", "bo", "Zo\u00eb", "\u6570\u5b66", "cy"};
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static {
    for (int i = 0; i < KEYS; i++) {
      KEY[i] = TestKeys.key(200 + i);
    }
  }

  enum Kind {
    REGISTER,
    GRANT,
    REVOKE,
    GENESIS,
    FORGED
  }

  /** One step: who sends what, with what nonce offset and how the clock moves. */
  record Step(
      int sender,
      Kind kind,
      int target,
      boolean plausibleTarget,
      int name,
      int nonceOffset,
      int timeStepMillis) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                // the operator sends often, so that its rules are reached
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(3, 0),
                    net.jqwik.api.Tuple.of(1, 1),
                    net.jqwik.api.Tuple.of(1, 2),
                    net.jqwik.api.Tuple.of(1, 3),
                    net.jqwik.api.Tuple.of(1, 4)),
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(3, Kind.REGISTER),
                    net.jqwik.api.Tuple.of(2, Kind.GRANT),
                    net.jqwik.api.Tuple.of(2, Kind.REVOKE),
                    net.jqwik.api.Tuple.of(1, Kind.GENESIS),
                    net.jqwik.api.Tuple.of(1, Kind.FORGED)),
                Arbitraries.integers().between(0, KEYS - 1),
                // mostly aim grants at registered accounts and revokes at verifiers
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(4, true), net.jqwik.api.Tuple.of(1, false)),
                Arbitraries.integers().between(0, NAMES.length - 1),
                // mostly the right nonce, sometimes replayed or ahead
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(6, 0),
                    net.jqwik.api.Tuple.of(1, -1),
                    net.jqwik.api.Tuple.of(1, 1),
                    net.jqwik.api.Tuple.of(1, 5)),
                // the clock mostly moves forward, sometimes stands still, rarely goes back
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(6, 1000),
                    net.jqwik.api.Tuple.of(2, 0),
                    net.jqwik.api.Tuple.of(1, -1)))
            .as(Step::new);
    return step.list()
        .ofMinSize(1)
        .ofMaxSize(50)
        .withSizeDistribution(net.jqwik.api.RandomDistribution.uniform());
  }

  private static Tx build(LedgerState state, Step s) {
    SigningKey k = KEY[s.sender()];
    long next = state.account(k.publicKey()).map(Account::nextNonce).orElse(0L);
    long nonce = Math.max(0, next + s.nonceOffset());
    TxBody body =
        switch (s.kind()) {
          case REGISTER, FORGED -> new AccountRegister(NAMES[s.name()]);
          case GRANT -> new VerifierGrant(target(state, s, false), "hw-" + s.name());
          case REVOKE -> new VerifierRevoke(target(state, s, true));
          case GENESIS ->
              new Genesis(k.publicKey(), "prop/log", Policy.defaults(), java.util.List.of());
        };
    Tx tx = TxCodec.sign(k, nonce, body);
    if (s.kind() == Kind.FORGED) {
      // Signed by the next key over: must never be accepted.
      ObjectNode env = tx.json();
      env.put(
          "sig",
          Base64.getEncoder().encodeToString(KEY[(s.sender() + 1) % KEYS].sign(tx.signingBytes())));
      tx = TxCodec.decode(StrictJson.canonical(env));
    }
    return tx;
  }

  private static dev.swarmledger.protocol.crypto.PublicKey target(
      LedgerState state, Step s, boolean verifier) {
    List<Account> candidates =
        state.accounts().stream().filter(a -> !verifier || a.isVerifier()).toList();
    if (!s.plausibleTarget() || candidates.isEmpty()) {
      return KEY[s.target()].publicKey();
    }
    return candidates.get(s.target() % candidates.size()).id();
  }

  private static void checkCredits(LedgerState state) {
    long held = 0;
    for (Account a : state.accounts()) {
      assertThat(a.balance()).isNotNegative();
      assertThat(a.escrowed()).isNotNegative();
      held = Math.addExact(held, Math.addExact(a.balance(), a.escrowed()));
    }
    assertThat(state.supply()).isEqualTo(state.minted() - state.burned());
    assertThat(held).isEqualTo(state.supply());
    assertThat(state.minted()).isNotNegative();
    assertThat(state.burned()).isNotNegative();
  }

  @Property(tries = 100, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
  void refusedChangesNothingAcceptedReplaysAndCreditsAreConserved(
      @ForAll("steps") List<Step> steps) {
    LedgerState live = new LedgerState();
    List<byte[]> accepted = new ArrayList<>();
    Instant time = T0;
    Set<Kind> acceptedKinds = EnumSet.noneOf(Kind.class);
    // Leaf 0 is always the genesis, so that most steps meet the real rules.
    Tx genesis =
        TxCodec.sign(
            KEY[0],
            0,
            new Genesis(KEY[0].publicKey(), "prop/log", Policy.defaults(), java.util.List.of()));
    Leaf g = new Leaf(0, time, genesis);
    StateMachine.apply(live, g);
    accepted.add(LeafCodec.encode(g));

    for (Step s : steps) {
      time = time.plusMillis(s.timeStepMillis());
      Tx tx = build(live, s);
      Leaf leaf = new Leaf(live.size(), time, tx);
      Hash before = StateDigest.root(live);
      long sizeBefore = live.size();
      try {
        StateMachine.apply(live, leaf);
        accepted.add(LeafCodec.encode(leaf));
        acceptedKinds.add(s.kind());
        assertThat(live.size()).isEqualTo(sizeBefore + 1);
        assertThat(live.lastTime()).isEqualTo(time);
        assertThat(s.kind()).isNotIn(Kind.FORGED, Kind.GENESIS);
      } catch (Rejection r) {
        // (a) a refused transaction leaves the state root exactly as it was
        assertThat(StateDigest.root(live))
            .as("root after refused %s (%s)", tx, r.code())
            .isEqualTo(before);
        assertThat(live.size()).isEqualTo(sizeBefore);
        time = live.lastTime();
      }
      // (c) after every step
      checkCredits(live);
    }

    // (b) replaying the accepted leaves, from their bytes, into a fresh state gives the same root
    LedgerState replay = new LedgerState();
    for (byte[] bytes : accepted) {
      StateMachine.apply(replay, LeafCodec.decode(bytes));
    }
    assertThat(StateDigest.root(replay)).isEqualTo(StateDigest.root(live));
    assertThat(StateDigest.describe(replay)).isEqualTo(StateDigest.describe(live));
    checkCredits(replay);

    // The generator must reach the interesting rules, or the properties above prove little.
    Statistics.label("grant accepted").collect(acceptedKinds.contains(Kind.GRANT));
    Statistics.label("grant accepted").coverage(c -> c.check(true).percentage(p -> p >= 20));
    Statistics.label("revoke accepted").collect(acceptedKinds.contains(Kind.REVOKE));
    Statistics.label("revoke accepted").coverage(c -> c.check(true).percentage(p -> p >= 10));
    Statistics.label("register accepted").collect(acceptedKinds.contains(Kind.REGISTER));
    Statistics.label("register accepted").coverage(c -> c.check(true).percentage(p -> p >= 50));
  }

  @Property(tries = 50)
  void replayingTheSameLeavesTwiceGivesTheSameRootAndEvents(@ForAll("steps") List<Step> steps) {
    LedgerState live = new LedgerState();
    List<Leaf> leaves = new ArrayList<>();
    List<StateEvent> events = new ArrayList<>();
    Leaf g =
        new Leaf(
            0,
            T0,
            TxCodec.sign(
                KEY[0],
                0,
                new Genesis(
                    KEY[0].publicKey(), "prop/log", Policy.defaults(), java.util.List.of())));
    events.addAll(StateMachine.apply(live, g));
    leaves.add(g);
    for (Step s : steps) {
      Leaf leaf =
          new Leaf(
              live.size(),
              live.lastTime().plusMillis(Math.max(0, s.timeStepMillis())),
              build(live, s));
      try {
        events.addAll(StateMachine.apply(live, leaf));
        leaves.add(leaf);
      } catch (Rejection r) {
        // skipped: only the accepted leaves are in a log
      }
    }
    LedgerState replay = new LedgerState();
    List<StateEvent> replayed = new ArrayList<>();
    for (Leaf leaf : leaves) {
      replayed.addAll(StateMachine.apply(replay, leaf));
    }
    assertThat(StateDigest.root(replay)).isEqualTo(StateDigest.root(live));
    // Events are derived from the log: the same leaves give the same events.
    assertThat(replayed).isEqualTo(events);
  }
}
