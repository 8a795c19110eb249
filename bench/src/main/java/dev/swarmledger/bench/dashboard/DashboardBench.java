package dev.swarmledger.bench.dashboard;

import dev.swarmledger.node.http.DashboardJson;
import dev.swarmledger.node.query.DashboardQuery;
import dev.swarmledger.node.query.DashboardView;
import dev.swarmledger.node.query.StatsQuery;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.Result;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The dashboard's query at 10^5 results: builds the state through the state machine (50
 * contributors, every result re-run, every fifth of each contributor's a mismatch), then times
 * {@code DashboardQuery} + JSON against {@code StatsQuery} (the baseline, one pass over the same
 * results) in the same run and prints the answer's size. Usage: {@code DashboardBench [results]}.
 */
public final class DashboardBench {
  private static final String TRACK = DefaultTracks.SHAKESPEARE_CHAR.id();
  private static final String CPU = "cpu-amd64";

  private final LedgerState state = new LedgerState();
  private final Map<PublicKey, Long> nonces = new HashMap<>();
  private final Map<PublicKey, SigningKey> verifiers = new HashMap<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] args) {
    int results = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    DashboardBench b = new DashboardBench();
    long t0 = System.nanoTime();
    b.fill(results);
    System.err.printf(
        "built %d results (%d leaves) in %.1f s%n", results, b.state.size(), secs(t0));
    int points = DashboardQuery.DEFAULT_POINTS;
    double dashboard =
        median(
            () -> StrictJson.canonical(DashboardJson.encode(DashboardQuery.of(b.state, points))));
    double stats = median(() -> StatsQuery.of(b.state, 0));
    DashboardView v = DashboardQuery.of(b.state, points);
    int bytes = StrictJson.canonical(DashboardJson.encode(v)).length;
    System.out.printf(
        "| results | leaves | points | answer bytes | dashboard ms | stats ms | ratio |%n");
    System.out.printf("|---|---|---|---|---|---|---|%n");
    System.out.printf(
        "| %d | %d | %d | %d | %.1f | %.1f | %.1f |%n",
        results, b.state.size(), points, bytes, dashboard, stats, dashboard / stats);
    if (bytes > 200_000 || v.tracks().stream().anyMatch(t -> t.results().size() > points)) {
      throw new IllegalStateException("the dashboard's answer is not bounded");
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Median of 15 timed runs after 5 warm-up runs, in milliseconds. */
  private static double median(Supplier<?> run) {
    for (int i = 0; i < 5; i++) {
      run.get();
    }
    double[] ms = new double[15];
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      run.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  private void fill(int results) {
    SigningKey operator = key(0);
    apply(
        operator,
        new Genesis(operator.publicKey(), "bench/log", Policy.defaults(), DefaultTracks.all()));
    for (int v = 10; v < 12; v++) {
      SigningKey k = key(v);
      apply(k, new AccountRegister("verifier-" + v));
      apply(operator, new VerifierGrant(k.publicKey(), CPU));
      verifiers.put(k.publicKey(), k);
    }
    List<SigningKey> people = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      SigningKey k = key(100 + i);
      apply(k, new AccountRegister("person-" + i));
      people.add(k);
    }
    for (int i = 0; i < results; i++) {
      long id = state.size();
      String source = "public final class Exp implements Experiment { /* r" + i + " */ }";
      RunSummary run =
          new RunSummary(
              2.0 + (i % 997) / 1000.0,
              10_000_000_000L,
              10_000_000L,
              sha("params " + i),
              List.of(),
              12.5,
              CPU,
              "cpu",
              "2.10.0",
              "float32",
              4,
              List.of(4.2, 3.1));
      apply(
          people.get(i % 50),
          new ResultSubmit(
              TRACK,
              OptionalLong.empty(),
              OptionalLong.empty(),
              7,
              1000,
              source,
              sha(source),
              run));
      boolean mismatch = (i / 50) % 5 == 4;
      Result r = state.result(id).orElseThrow();
      for (PublicKey v : r.assigned()) {
        apply(
            verifiers.get(v),
            new AttestationSubmit(
                id,
                mismatch ? Verdict.MISMATCH : Verdict.EXACT,
                mismatch ? run.valBpb() + 0.5 : run.valBpb(),
                run.flops(),
                run.finalParamHash(),
                List.of(),
                11.0,
                CPU,
                mismatch ? Optional.of("differs") : Optional.empty()));
      }
    }
  }

  private void apply(SigningKey key, TxBody body) {
    long nonce = nonces.getOrDefault(key.publicKey(), 0L);
    StateMachine.apply(state, new Leaf(state.size(), now, TxCodec.sign(key, nonce, body)));
    nonces.put(key.publicKey(), nonce + 1);
    now = now.plusMillis(1);
  }

  private static SigningKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x55;
    return SigningKey.fromSeed(seed);
  }

  private static Hash sha(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
