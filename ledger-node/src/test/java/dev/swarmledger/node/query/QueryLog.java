package dev.swarmledger.node.query;

import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateMachine;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A small log applied in memory, for query tests without HTTP: signs, sequences and applies. */
final class QueryLog {
  static final String TRACK = DefaultTracks.SHAKESPEARE_CHAR.id();
  static final String CPU = "cpu-amd64";

  final SigningKey operator = key(0);
  final LedgerState state = new LedgerState();
  private final Map<PublicKey, Long> nonces = new HashMap<>();
  private final Map<PublicKey, SigningKey> verifiers = new HashMap<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  QueryLog() {
    apply(
        operator,
        new Genesis(operator.publicKey(), "test/log", Policy.defaults(), DefaultTracks.all()));
  }

  static SigningKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x77;
    return SigningKey.fromSeed(seed);
  }

  void apply(SigningKey key, TxBody body) {
    long nonce = nonces.getOrDefault(key.publicKey(), 0L);
    StateMachine.apply(state, new Leaf(state.size(), now, TxCodec.sign(key, nonce, body)));
    nonces.put(key.publicKey(), nonce + 1);
    now = now.plusMillis(1);
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  SigningKey register(int n, String name) {
    SigningKey k = key(n);
    apply(k, new AccountRegister(name));
    return k;
  }

  SigningKey verifier(int n, String name) {
    SigningKey k = register(n, name);
    apply(operator, new VerifierGrant(k.publicKey(), CPU));
    verifiers.put(k.publicKey(), k);
    return k;
  }

  /** Submits a result; returns its id. */
  long submit(SigningKey who, String tag, double valBpb) {
    return submit(who, TRACK, tag, valBpb, 10_000_000_000L);
  }

  /** Submits a result on {@code track} that counted {@code flops}; returns its id. */
  long submit(SigningKey who, String track, String tag, double valBpb, long flops) {
    String source = "public final class Exp implements Experiment { /* " + tag + " */ }";
    long id = state.size();
    apply(
        who,
        new ResultSubmit(
            track,
            OptionalLong.empty(),
            OptionalLong.empty(),
            7,
            1000,
            source,
            sha(source),
            run(valBpb, tag, flops)));
    return id;
  }

  long claim(SigningKey who, String description) {
    long id = state.size();
    apply(who, new ClaimCreate(TRACK, description, OptionalLong.empty(), sha(description)));
    return id;
  }

  /** Every verifier assigned to the result attests with {@code verdict}. */
  void attestAll(long result, Verdict verdict) {
    RunSummary run = state.result(result).orElseThrow().submission().run();
    for (PublicKey v : state.result(result).orElseThrow().assigned()) {
      apply(
          verifiers.get(v),
          new AttestationSubmit(
              result,
              verdict,
              verdict.agrees() ? run.valBpb() : run.valBpb() + 0.5,
              run.flops(),
              run.finalParamHash(),
              List.of(),
              11.0,
              CPU,
              verdict.agrees() ? Optional.empty() : Optional.of("differs")));
    }
  }

  private static Hash sha(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  private static RunSummary run(double valBpb, String tag, long flops) {
    return new RunSummary(
        valBpb,
        flops,
        10_000_000L,
        sha("params " + tag),
        List.of(),
        12.5,
        CPU,
        "cpu",
        "2.10.0",
        "float32",
        4,
        List.of(4.2, 3.1));
  }
}
