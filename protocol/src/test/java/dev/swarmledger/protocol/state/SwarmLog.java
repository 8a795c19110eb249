package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A log built in memory for rule tests: signs bodies with the right nonces, wraps them in leaves
 * with increasing times and applies them, keeping the accepted leaves for replays.
 */
final class SwarmLog {
  static final String TRACK = DefaultTracks.SHAKESPEARE_CHAR.id();
  static final long BUDGET = 1L << 52;
  static final long GPU_BUDGET = 15_000_000_000_000_000L;
  static final String CPU = "cpu-amd64";
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final SigningKey operator = key(0);
  final LedgerState state = new LedgerState();
  final List<Leaf> leaves = new ArrayList<>();
  private final Map<PublicKey, Long> nonces = new HashMap<>();
  private Instant now = START;

  SwarmLog() {
    this(Policy.defaults());
  }

  SwarmLog(Policy policy) {
    // The CPU track with room for the large FLOP counts the rule tests use, and the GPU track with
    // a budget beyond 2^53, so that FLOP counts written as digits are part of the log.
    Genesis g =
        new Genesis(
            operator.publicKey(),
            "test/log",
            policy,
            List.of(
                DefaultTracks.SHAKESPEARE_CHAR.withBudgetFlops(BUDGET),
                DefaultTracks.ENWIK8.withBudgetFlops(GPU_BUDGET)));
    apply(operator, g);
  }

  static SigningKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = (byte) 0x5a;
    return SigningKey.fromSeed(seed);
  }

  TrackSpec track() {
    return state.track(TRACK).orElseThrow();
  }

  /** Moves log time on (each leaf already adds one millisecond). */
  void advance(Duration d) {
    now = now.plus(d);
  }

  Instant now() {
    return now;
  }

  /** Applies a body signed by {@code key}; a rejection is thrown and consumes no nonce. */
  List<StateEvent> apply(SigningKey key, TxBody body) {
    long nonce = nonces.getOrDefault(key.publicKey(), 0L);
    Leaf leaf = new Leaf(state.size(), now, TxCodec.sign(key, nonce, body));
    List<StateEvent> events = StateMachine.apply(state, leaf);
    leaves.add(leaf);
    nonces.put(key.publicKey(), nonce + 1);
    now = now.plusMillis(1);
    return events;
  }

  /** The index the next accepted leaf will get. */
  long next() {
    return state.size();
  }

  /** Applies and returns the rejection it must cause. */
  Rejection refuse(SigningKey key, TxBody body) {
    Hash before = StateDigest.root(state);
    try {
      apply(key, body);
    } catch (Rejection r) {
      if (!StateDigest.root(state).equals(before)) {
        throw new AssertionError("a rejected " + body.type() + " changed the state", r);
      }
      return r;
    }
    throw new AssertionError("expected " + body.type() + " to be refused");
  }

  SigningKey register(int n, String name) {
    SigningKey k = key(n);
    apply(k, new AccountRegister(name));
    return k;
  }

  SigningKey verifier(int n, String name, String hardware) {
    SigningKey k = register(n, name);
    apply(operator, new VerifierGrant(k.publicKey(), hardware));
    return k;
  }

  SigningKey worker(int n, String name, String hardware) {
    SigningKey k = register(n, name);
    apply(operator, new WorkerGrant(k.publicKey(), hardware));
    return k;
  }

  /**
   * A verified result of {@code contributor} with a published model (its weights reproduced by two
   * exact re-runs of its class that kept the same file), re-run by {@code v1} and {@code v2}; the
   * contributor is paid its FLOPs and a new best bonus. Returns the result's id.
   */
  long publishedModel(SigningKey contributor, SigningKey v1, SigningKey v2, String tag) {
    RunSummary run = run(3.0, 3_000_000_000_000L, tag, CPU).withWeights(weights(tag));
    long id = next();
    apply(contributor, result(source(tag), run));
    apply(v1, exactKeeping(id, run));
    apply(v2, exactKeeping(id, run));
    return id;
  }

  static Hash weights(String tag) {
    return Hash.sha256(("weights " + tag).getBytes(StandardCharsets.UTF_8));
  }

  /** An exact attestation whose re-run kept the same parameter file as {@code run} published. */
  static AttestationSubmit exactKeeping(long result, RunSummary run) {
    return new AttestationSubmit(
        result,
        Verdict.EXACT,
        run.valBpb(),
        run.flops(),
        run.finalParamHash(),
        List.of(),
        11.0,
        run.hardwareClass(),
        Optional.empty(),
        run.weightsSha256());
  }

  static JobCreate inferJob(long model, String prompt, int bytes, long priceMicro, long max) {
    return new JobCreate(
        new InferSpec(
            model, InferSpec.Mode.GENERATE, prompt.getBytes(StandardCharsets.UTF_8), bytes),
        priceMicro,
        max);
  }

  static JobCreate trainJob(String source, long budget, long priceMicro, long max) {
    return new JobCreate(
        new TrainSpec(TRACK, source, sha(source), OptionalLong.empty(), 7, budget),
        priceMicro,
        max);
  }

  static JobComplete inferred(long job, String outputTag, long flops) {
    return new JobComplete(
        job,
        CPU,
        new JobOutput.Inferred(
            Hash.sha256(outputTag.getBytes(StandardCharsets.UTF_8)), flops, 0.5));
  }

  static JobAttest jobVerdict(long job, JobVerdict verdict, String outputTag, long flops) {
    return new JobAttest(
        job,
        verdict,
        CPU,
        Optional.of(
            new JobOutput.Inferred(
                Hash.sha256(outputTag.getBytes(StandardCharsets.UTF_8)), flops, 0.7)),
        Optional.empty());
  }

  Job job(long id) {
    return state.job(id).orElseThrow();
  }

  Account account(SigningKey k) {
    return state.account(k.publicKey()).orElseThrow();
  }

  Result result(long id) {
    return state.result(id).orElseThrow();
  }

  static String source(String tag) {
    return "public final class Exp implements Experiment { /* " + tag + " */ }";
  }

  static Hash sha(String source) {
    return Hash.sha256(source.getBytes(StandardCharsets.UTF_8));
  }

  static ClaimCreate claim(String description, String source) {
    return new ClaimCreate(TRACK, description, OptionalLong.empty(), sha(source));
  }

  static RunSummary run(double valBpb, long flops, String paramTag, String hardware) {
    return new RunSummary(
        valBpb,
        flops,
        flops / 1000,
        Hash.sha256(paramTag.getBytes(StandardCharsets.UTF_8)),
        List.of(Hash.sha256(("seg" + paramTag).getBytes(StandardCharsets.UTF_8))),
        12.5,
        hardware,
        "cpu",
        "2.10.0",
        "float32",
        4,
        List.of(4.2, 3.1, 2.5));
  }

  static ResultSubmit result(String source, RunSummary run) {
    return result(TRACK, source, run);
  }

  static ResultSubmit result(String track, String source, RunSummary run) {
    return new ResultSubmit(
        track, OptionalLong.empty(), OptionalLong.empty(), 7, 1000, source, sha(source), run);
  }

  /** An attestation whose numbers reproduce {@code run} exactly. */
  static AttestationSubmit exact(long result, RunSummary run) {
    return attest(result, Verdict.EXACT, run.valBpb(), run.flops(), run.finalParamHash(), CPU);
  }

  static AttestationSubmit attest(
      long result, Verdict v, double valBpb, long flops, Hash params, String hardware) {
    return new AttestationSubmit(
        result, v, valBpb, flops, params, List.of(), 11.0, hardware, Optional.empty());
  }

  /** Replays the accepted leaves into a fresh state. */
  LedgerState replay() {
    LedgerState s = new LedgerState();
    for (Leaf l : leaves) {
      StateMachine.apply(s, l);
    }
    return s;
  }
}
