package dev.swarmledger.node.query;

import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.jobs.WorkerGrant;
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

  SigningKey worker(int n, String name) {
    SigningKey k = register(n, name);
    apply(operator, new WorkerGrant(k.publicKey(), CPU));
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

  /**
   * A verified result of {@code who} publishing its weights {@code weights}: every assigned
   * verifier re-runs it exactly and keeps the same file. Returns its id.
   */
  long publishModel(SigningKey who, String tag, Hash weights) {
    String source = "public final class Exp implements Experiment { /* " + tag + " */ }";
    long id = state.size();
    RunSummary run = run(1.4, tag, 10_000_000_000L).withWeights(weights);
    apply(
        who,
        new ResultSubmit(
            TRACK, OptionalLong.empty(), OptionalLong.empty(), 7, 1000, source, sha(source), run));
    for (PublicKey v : state.result(id).orElseThrow().assigned()) {
      apply(
          verifiers.get(v),
          new AttestationSubmit(
              id,
              Verdict.EXACT,
              run.valBpb(),
              run.flops(),
              run.finalParamHash(),
              List.of(),
              11.0,
              CPU,
              Optional.empty(),
              run.weightsSha256()));
    }
    return id;
  }

  /** {@code spender} escrows {@code max} for a training job of {@code budget} FLOPs; its id. */
  long trainJob(SigningKey spender, String tag, long budget, long max) {
    String source = "public final class Exp implements Experiment { /* job " + tag + " */ }";
    long id = state.size();
    apply(
        spender,
        new JobCreate(
            new TrainSpec(TRACK, source, sha(source), OptionalLong.empty(), 7, budget),
            1_000_000,
            max));
    return id;
  }

  /** {@code spender} escrows {@code max} for a generation from the model of {@code model}. */
  long inferJob(SigningKey spender, long model, String prompt, long max) {
    long id = state.size();
    apply(
        spender,
        new JobCreate(
            new InferSpec(
                model, InferSpec.Mode.GENERATE, prompt.getBytes(StandardCharsets.UTF_8), 16),
            1_000_000,
            max));
    return id;
  }

  void lease(SigningKey worker, long job) {
    apply(worker, new JobLease(job));
  }

  /** The leaseholder completes a training job whose final weights are the blob {@code weights}. */
  void completeTrained(SigningKey worker, long job, Hash weights, long flops) {
    apply(
        worker,
        new JobComplete(
            job, CPU, new JobOutput.Trained(run(2.5, "job " + job, flops).withWeights(weights))));
  }

  /** The verifier checking {@code job} reproduces the worker's output exactly; its key. */
  SigningKey reproduce(long job) {
    var j = state.job(job).orElseThrow();
    SigningKey v = verifiers.get(j.check().orElseThrow().account());
    apply(
        v,
        new JobAttest(
            job,
            JobVerdict.EXACT,
            CPU,
            Optional.of(j.completion().orElseThrow().output()),
            Optional.empty()));
    return v;
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
