package dev.swarmledger.protocol.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.TxRegistry;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.JobPolicy;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobCodec;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobSpec;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.jobs.WorkerRevoke;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.results.WorkReturn;
import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.protocol.tracks.DataSetRef;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Every body type survives sign → canonical bytes → decode unchanged, and nested objects refuse
 * fields they do not know.
 */
class TxBodyCodecPropertiesTest {
  private static final long MAX = StrictJson.MAX_SAFE_INTEGER;
  private static final SigningKey SIGNER = key(7);

  private static SigningKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[1] = (byte) (n >> 8);
    seed[2] = 0x33;
    return SigningKey.fromSeed(seed);
  }

  @Property(tries = 600)
  void everyBodyRoundTripsThroughCanonicalJson(
      @ForAll("bodies") TxBody body, @ForAll @LongRange(min = 0, max = MAX) long nonce) {
    Tx signed = TxCodec.sign(SIGNER, nonce, body);
    byte[] wire = StrictJson.canonical(signed.json());
    Tx decoded = TxCodec.decode(wire);
    assertThat(decoded.body()).isEqualTo(body);
    assertThat(decoded.type()).isEqualTo(body.type());
    assertThat(decoded.nonce()).isEqualTo(nonce);
    assertThat(decoded.account()).isEqualTo(SIGNER.publicKey());
    assertThat(decoded.signatureValid()).isTrue();
    // Canonical bytes are a fixed point: encoding the decoded tx gives the same bytes.
    assertThat(StrictJson.canonical(decoded.json())).isEqualTo(wire);
    assertThat(TxRegistry.encode(decoded.body())).isEqualTo(TxRegistry.encode(body));
  }

  @Property(tries = 200)
  void unknownFieldInRunIsRefused(@ForAll("results") ResultSubmit body) {
    assertUnknownField(body, env -> ((ObjectNode) env.get("body").get("run")).put("extra", 1));
  }

  @Property(tries = 100)
  void unknownFieldInTrackDataIsRefused(@ForAll("tracks") TrackSpec track) {
    assertUnknownField(
        new TrackCreate(track),
        env -> ((ObjectNode) env.get("body").get("track").get("data")).put("mirror", "x"));
    assertUnknownField(
        new TrackCreate(track), env -> ((ObjectNode) env.get("body").get("track")).put("x", 1));
  }

  @Property(tries = 100)
  void unknownFieldInEveryBodyIsRefused(@ForAll("bodies") TxBody body) {
    assertUnknownField(body, env -> ((ObjectNode) env.get("body")).put("surprise", true));
  }

  @Property(tries = 200)
  void aFlopCountSpelledAnyOtherWayIsRefused(
      @ForAll("results") ResultSubmit result, @ForAll("attestations") AttestationSubmit att) {
    long r = result.run().flops();
    long a = att.flops();
    assertNonCanonical(result, env -> run(env).put("flops", "0" + r));
    assertNonCanonical(result, env -> run(env).put("flops", r));
    assertNonCanonical(result, env -> run(env).put("flops", r + "e0"));
    assertNonCanonical(att, env -> ((ObjectNode) env.get("body")).put("flops", "-" + a));
    assertNonCanonical(att, env -> ((ObjectNode) env.get("body")).put("flops", a));
  }

  @Test
  void aGpuSizedFlopCountIsWrittenAsDigits() {
    ResultSubmit r = results().sample();
    RunSummary run = r.run();
    RunSummary big =
        new RunSummary(
            run.valBpb(),
            15_000_000_000_000_000L,
            run.tokens(),
            run.finalParamHash(),
            run.segmentHashes(),
            run.wallSeconds(),
            run.hardwareClass(),
            run.device(),
            run.libtorch(),
            run.dtype(),
            run.threads(),
            run.trainLoss(),
            run.sandbox());
    ResultSubmit body =
        new ResultSubmit(
            r.track(),
            r.claim(),
            r.parent(),
            r.seed(),
            r.steps(),
            r.source(),
            r.sourceSha256(),
            big);
    byte[] wire = StrictJson.canonical(TxCodec.sign(SIGNER, 0, body).json());
    assertThat(new String(wire, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"flops\":\"15000000000000000\"");
    assertThat(TxCodec.decode(wire).body()).isEqualTo(body);
  }

  private static ObjectNode run(ObjectNode env) {
    return (ObjectNode) env.get("body").get("run");
  }

  private static void assertNonCanonical(TxBody body, Consumer<ObjectNode> tamper) {
    ObjectNode env = TxCodec.sign(SIGNER, 0, body).json();
    tamper.accept(env);
    assertThatThrownBy(() -> TxCodec.decode(StrictJson.canonical(env)))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER));
  }

  @Test
  void unknownFieldInGenesisPolicyAndTracksIsRefused() {
    Genesis g = new Genesis(SIGNER.publicKey(), "o", Policy.defaults(), List.of(defaultTrack()));
    assertUnknownField(g, env -> ((ObjectNode) env.get("body").get("policy")).put("x", 1));
    assertUnknownField(
        g, env -> ((ObjectNode) env.get("body").get("tracks").get(0).get("data")).put("x", 1));
  }

  @Test
  void missingNestedFieldIsRefused() {
    ResultSubmit r = results().sample();
    ObjectNode env = TxCodec.sign(SIGNER, 0, r).json();
    ((ObjectNode) env.get("body").get("run")).remove("final_param_hash");
    assertThatThrownBy(() -> TxCodec.decode(StrictJson.canonical(env)))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD))
        .hasMessageContaining("body.run.final_param_hash");
  }

  @Test
  void labelsAreSingleLine() {
    VerifierGrant g = new VerifierGrant(SIGNER.publicKey(), "cpu\namd64");
    assertThatThrownBy(() -> TxCodec.sign(SIGNER, 0, g))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void aSignedTxHoldsTheBodyEveryoneElseDecodes() {
    // -0.0 has no canonical JSON form of its own ("0"): the signer must not keep a body that
    // differs from what the node and every auditor decode from the signed bytes.
    RunSummary run =
        new RunSummary(
            1.5, 10, 10, hash(1), List.of(), -0.0, "cpu", "cpu", "2", "f32", 1, List.of(-0.0));
    ResultSubmit body =
        new ResultSubmit("t", OptionalLong.empty(), OptionalLong.empty(), 1, 1, "s", hash(2), run);
    Tx signed = TxCodec.sign(SIGNER, 0, body);
    Tx decoded = TxCodec.decode(StrictJson.canonical(signed.json()));
    assertThat(signed.body()).isEqualTo(decoded.body());
    assertThat(signed.json()).isEqualTo(decoded.json());
  }

  private static void assertUnknownField(TxBody body, Consumer<ObjectNode> tamper) {
    ObjectNode env = TxCodec.sign(SIGNER, 0, body).json();
    tamper.accept(env);
    assertThatThrownBy(() -> TxCodec.decode(StrictJson.canonical(env)))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD));
  }

  private static Hash hash(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) n;
    return Hash.of(b);
  }

  private static TrackSpec defaultTrack() {
    return DefaultTracks.SHAKESPEARE_CHAR;
  }

  // ---- generators ----

  @Provide
  Arbitrary<TxBody> bodies() {
    return Arbitraries.oneOf(
        genesis(),
        names().map(AccountRegister::new),
        Combinators.combine(keys(), label(64)).as(VerifierGrant::new),
        keys().map(VerifierRevoke::new),
        tracks().map(TrackCreate::new),
        claims(),
        ids().map(ClaimRelease::new),
        ids().map(WorkReturn::new),
        hypotheses(),
        results(),
        attestations(),
        transfers(),
        jobBodies(),
        jobBodies(),
        jobBodies(),
        anchors());
  }

  private Arbitrary<AnchorRecord> anchors() {
    StringArbitrary hex = Arbitraries.strings().withChars("0123456789abcdef");
    return Combinators.combine(
            Arbitraries.longs().between(1, MAX),
            hex.ofLength(40).map(h -> "0x" + h),
            hex.ofLength(64).map(h -> "0x" + h),
            Arbitraries.longs().between(0, MAX),
            Arbitraries.longs().between(1, MAX),
            hashes())
        .as(AnchorRecord::new);
  }

  private Arbitrary<Hash> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::of);
  }

  private Arbitrary<PublicKey> keys() {
    return Arbitraries.integers().between(0, 1000).map(n -> key(n).publicKey());
  }

  private Arbitrary<Long> ids() {
    return Arbitraries.longs().between(0, MAX);
  }

  private Arbitrary<OptionalLong> optionalIds() {
    return ids().optional().map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty()));
  }

  /** Printable single-line text, spaces included. */
  private Arbitrary<String> label(int max) {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars(" ._-/:éß中Ω")
        .ofMinLength(1)
        .ofMaxLength(max);
  }

  /** Free text: printable plus newlines and tabs, possibly empty. */
  private Arbitrary<String> text(int min, int max) {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars(" \n\t.,;:!?()[]{}\"'\\/<>=+-*é中")
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  private Arbitrary<String> names() {
    return Arbitraries.strings().alpha().numeric().withChars("_-.").ofMinLength(1).ofMaxLength(40);
  }

  /** Finite doubles of every magnitude a run can report, plus the awkward ones. */
  private Arbitrary<Double> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-1e6, 1e6).filter(d -> !d.equals(-0.0)),
        Arbitraries.doubles().between(0, 10).ofScale(17),
        Arbitraries.of(0.0, 1.0, 1e-7, 1.5e-300, 123456.789, 2.5e15, 1e21, Double.MIN_VALUE));
  }

  private Arbitrary<Policy> policies() {
    return Combinators.combine(
            Arbitraries.longs().between(1, MAX),
            Arbitraries.longs().between(1, MAX),
            Arbitraries.longs().between(0, MAX),
            Arbitraries.longs().between(0, MAX),
            Arbitraries.longs().between(0, MAX),
            Arbitraries.longs().between(0, MAX),
            Arbitraries.longs().between(1, 100),
            Arbitraries.longs().between(1, 1000))
        .as((a, b, c, d, e, f, g, h) -> new long[] {a, b, c, d, e, f, g, h})
        .flatMap(
            p ->
                Combinators.combine(
                        Arbitraries.longs().between(1, MAX),
                        Arbitraries.longs().between(1, MAX),
                        Arbitraries.longs().between(0, 100),
                        Arbitraries.longs().between(0, MAX),
                        Arbitraries.longs().between(0, 100))
                    .as(
                        (lease, window, reward, extra, silence) ->
                            new Policy(
                                p[0],
                                p[1],
                                p[2],
                                p[3],
                                p[4],
                                p[5],
                                p[6],
                                p[7],
                                lease,
                                window,
                                reward,
                                Math.min(MAX, p[3] + extra),
                                silence)))
        .flatMap(
            policy ->
                Combinators.combine(
                        Arbitraries.longs().between(1, 100),
                        Arbitraries.longs().between(0, 100),
                        Arbitraries.longs().between(1, 100))
                    .as(
                        (sample, fee, attempts) ->
                            policy.withJobs(new JobPolicy(sample, fee, attempts))));
  }

  private Arbitrary<JobSpec> jobSpecs() {
    Arbitrary<JobSpec> train =
        Combinators.combine(
                label(64),
                text(0, 300),
                hashes(),
                optionalIds(),
                ids(),
                Arbitraries.longs().between(1, JobCodec.MAX_BUDGET_FLOPS))
            .as(TrainSpec::new);
    Arbitrary<JobSpec> generate =
        Combinators.combine(
                ids(),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300),
                Arbitraries.integers().between(1, InferSpec.MAX_BYTES))
            .as((m, prompt, n) -> new InferSpec(m, InferSpec.Mode.GENERATE, prompt, n));
    Arbitrary<JobSpec> score =
        Combinators.combine(
                ids(), Arbitraries.bytes().array(byte[].class).ofMinSize(2).ofMaxSize(300))
            .as((m, text) -> new InferSpec(m, InferSpec.Mode.SCORE, text, 0));
    return Arbitraries.oneOf(train, generate, score);
  }

  private Arbitrary<JobOutput> jobOutputs() {
    Arbitrary<JobOutput> trained =
        Combinators.combine(runs(), hashes())
            .as((run, w) -> new JobOutput.Trained(run.withWeights(w)));
    Arbitrary<JobOutput> inferred =
        Combinators.combine(hashes(), flops(), numbers()).as(JobOutput.Inferred::new);
    return Arbitraries.oneOf(trained, inferred);
  }

  private Arbitrary<TxBody> jobBodies() {
    return Arbitraries.oneOf(
        Combinators.combine(
                jobSpecs(),
                Arbitraries.longs().between(1, MAX),
                Arbitraries.longs().between(1, MAX))
            .as(JobCreate::new),
        ids().map(JobLease::new),
        ids().map(JobCancel::new),
        Combinators.combine(ids(), label(64), jobOutputs()).as(JobComplete::new),
        Combinators.combine(
                ids(),
                Arbitraries.of(JobVerdict.class),
                label(64),
                jobOutputs().optional(),
                text(1, 200).optional())
            .as(JobAttest::new),
        Combinators.combine(keys(), label(64)).as(WorkerGrant::new),
        keys().map(WorkerRevoke::new));
  }

  @Provide
  Arbitrary<TrackSpec> tracks() {
    Arbitrary<String> id =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars("._-")
            .ofMinLength(1)
            .ofMaxLength(30)
            .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
    Arbitrary<DataSetRef> plain =
        Combinators.combine(label(200), hashes(), Arbitraries.longs().between(1, MAX))
            .as(DataSetRef::new);
    Arbitrary<DataSetRef> zipped =
        Combinators.combine(
                label(200), hashes(), Arbitraries.longs().between(2, MAX), label(64), hashes())
            .as(DataSetRef::zipped);
    Arbitrary<DataSetRef> data = Arbitraries.oneOf(plain, zipped);
    Arbitrary<int[]> quorums =
        Arbitraries.integers()
            .between(2, 16)
            .flatMap(best -> Arbitraries.integers().between(1, best).map(o -> new int[] {o, best}));
    Arbitrary<Double> nonNegative = Arbitraries.doubles().between(0, 10);
    Arbitrary<Double> positive = Arbitraries.doubles().between(0.01, 10);
    return Combinators.combine(
            id,
            label(64),
            data,
            flops().filter(f -> f > 0),
            nonNegative,
            positive,
            quorums,
            Arbitraries.integers().between(0, 100))
        .as(
            (i, w, d, flops, tol, gap, q, cut) ->
                new TrackSpec(i, w, d, flops, tol, tol + gap, q[0], q[1], split(d.bytes(), cut)))
        .filter(t -> t.tolerance() < t.minImprovement());
  }

  /** No split (the workload's own) or an exact one that reads some or all of the data. */
  private static Optional<ByteSplit> split(long bytes, int cut) {
    if (cut == 0 || bytes < 2) {
      return Optional.empty();
    }
    long train = Math.max(1, bytes / 100 * Math.min(cut, 99));
    return Optional.of(new ByteSplit(train, Math.max(1, (bytes - train) / (1 + cut % 3))));
  }

  /**
   * FLOP quantities over the whole of their range: a GPU budget is beyond 2^53, which is why they
   * are strings of digits on the wire.
   */
  private Arbitrary<Long> flops() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, MAX),
        Arbitraries.longs().between(MAX + 1, Long.MAX_VALUE),
        Arbitraries.of(0L, 1L, MAX, MAX + 1, 15_000_000_000_000_000L, Long.MAX_VALUE));
  }

  private Arbitrary<Genesis> genesis() {
    return Combinators.combine(keys(), label(200), policies(), tracks().list().ofMaxSize(3))
        .as(Genesis::new)
        .filter(
            g -> g.tracks().stream().map(TrackSpec::id).distinct().count() == g.tracks().size());
  }

  private Arbitrary<ClaimCreate> claims() {
    return Combinators.combine(label(64), text(1, 500), optionalIds(), hashes())
        .as(ClaimCreate::new);
  }

  private Arbitrary<HypothesisCreate> hypotheses() {
    return Combinators.combine(
            label(64),
            label(120),
            text(1, 600),
            text(0, 300),
            ids().list().ofMaxSize(20),
            Arbitraries.integers().between(0, 5))
        .as(HypothesisCreate::new);
  }

  private Arbitrary<RunSummary> runs() {
    Arbitrary<RunSummary> head =
        Combinators.combine(
                numbers(),
                flops(),
                ids(),
                hashes(),
                hashes().list().ofMaxSize(5),
                numbers(),
                label(64),
                label(64))
            .as(
                (v, f, t, p, seg, w, hw, dev) ->
                    new RunSummary(v, f, t, p, seg, w, hw, dev, "x", "y", 1, List.of()));
    return Combinators.combine(
            head,
            label(64),
            label(64),
            Arbitraries.integers().between(1, 4096),
            numbers().list().ofMaxSize(20),
            label(64).optional())
        .as(
            (h, lib, dtype, threads, loss, sandbox) ->
                new RunSummary(
                    h.valBpb(),
                    h.flops(),
                    h.tokens(),
                    h.finalParamHash(),
                    h.segmentHashes(),
                    h.wallSeconds(),
                    h.hardwareClass(),
                    h.device(),
                    lib,
                    dtype,
                    threads,
                    loss,
                    sandbox))
        .flatMap(r -> hashes().optional().map(w -> w.map(r::withWeights).orElse(r)));
  }

  @Provide
  Arbitrary<ResultSubmit> results() {
    return Combinators.combine(
            label(64),
            optionalIds(),
            optionalIds(),
            ids(),
            Arbitraries.longs().between(1, MAX),
            Arbitraries.strings().ofMaxLength(400),
            hashes(),
            runs())
        .as(ResultSubmit::new);
  }

  @Provide
  Arbitrary<AttestationSubmit> attestations() {
    Arbitrary<AttestationSubmit> head =
        Combinators.combine(
                ids(),
                Arbitraries.of(Verdict.class),
                numbers(),
                flops(),
                hashes(),
                hashes().list().ofMaxSize(5),
                numbers(),
                label(64))
            .as(
                (id, v, bpb, f, p, seg, w, hw) ->
                    new AttestationSubmit(id, v, bpb, f, p, seg, w, hw, Optional.empty()));
    return Combinators.combine(head, text(1, 200).optional(), hashes().optional())
        .as(
            (a, reason, weights) ->
                new AttestationSubmit(
                    a.result(),
                    a.verdict(),
                    a.valBpb(),
                    a.flops(),
                    a.finalParamHash(),
                    a.segmentHashes(),
                    a.wallSeconds(),
                    a.hardwareClass(),
                    reason,
                    weights));
  }

  private Arbitrary<CreditTransfer> transfers() {
    return Combinators.combine(keys(), Arbitraries.longs().between(1, MAX), text(0, 200).optional())
        .as(CreditTransfer::new);
  }

  @Test
  void generatorsCoverEveryBodyType() {
    var seen = new java.util.HashSet<TxType>();
    bodies().sampleStream().limit(2000).forEach(b -> seen.add(b.type()));
    assertThat(seen).containsExactlyInAnyOrder(TxType.values());
    assertThat(Optional.of(seen.size())).contains(TxType.values().length);
  }
}
