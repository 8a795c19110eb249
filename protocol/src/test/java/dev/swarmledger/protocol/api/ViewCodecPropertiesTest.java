package dev.swarmledger.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.results.Lease;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.tracks.DataSetRef;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every view survives encode → JSON bytes → decode unchanged, both as the node writes it (plain
 * Jackson) and in canonical form; and a field a codec does not know is refused.
 */
class ViewCodecPropertiesTest {
  private static final long MAX = StrictJson.MAX_SAFE_INTEGER;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<PublicKey> KEYS =
      List.of(key(1).publicKey(), key(2).publicKey(), key(3).publicKey());

  @Property(tries = 200)
  void accounts(@ForAll("accountViews") AccountView a) {
    roundTrips(a, AccountJson::encode, AccountJson::decode);
  }

  @Property(tries = 200)
  void results(@ForAll("resultViews") ResultView r) {
    roundTrips(r, ResultJson::encode, ResultJson::decode);
  }

  @Property(tries = 200)
  void bests(@ForAll("bestViews") BestView b) {
    roundTrips(b, BestJson::encode, BestJson::decode);
  }

  @Property(tries = 200)
  void tracks(@ForAll("trackViews") TrackView t) {
    roundTrips(t, TrackJson::encode, TrackJson::decode);
  }

  @Property(tries = 200)
  void workItems(@ForAll("workItemViews") WorkItemView w) {
    roundTrips(w, WorkItemJson::encode, WorkItemJson::decode);
  }

  @Property(tries = 200)
  void leaderboards(@ForAll("leaderboardViews") LeaderboardView l) {
    roundTrips(l, LeaderboardJson::encode, LeaderboardJson::decode);
  }

  @Property(tries = 200)
  void stats(@ForAll("statsViews") StatsView s) {
    roundTrips(s, StatsJson::encode, StatsJson::decode);
  }

  @Property(tries = 200)
  void claimPages(@ForAll("claimsPages") ClaimsPage p) {
    roundTrips(p, ClaimsPageJson::encode, ClaimsPageJson::decode);
  }

  @Property(tries = 200)
  void hypotheses(@ForAll("hypothesisViews") HypothesisView h) {
    roundTrips(h, HypothesisJson::encode, HypothesisJson::decode);
  }

  @Property(tries = 100)
  void resultLists(@ForAll("resultViews") ResultView a, @ForAll("resultViews") ResultView b) {
    roundTrips(
        List.of(a, b),
        l -> ListJson.encode("results", l, ResultJson::encode),
        n -> ListJson.decode(n, "results", ResultJson::decode));
  }

  @Property(tries = 200)
  void receiptsErrorsAndProofs(
      @ForAll("hashes") Hash h,
      @ForAll("positions") long n,
      @ForAll("optionalCounts") OptionalLong c) {
    roundTrips(new TxReceipt(n, h), TxReceiptJson::encode, TxReceiptJson::decode);
    roundTrips(
        new ApiError("nonce_replayed", "nonce " + n + " was used", c),
        ApiErrorJson::encode,
        ApiErrorJson::decode);
    roundTrips(
        new InclusionProof(n, n + 1, List.of(h, h)), ProofJson::encode, ProofJson::inclusion);
    roundTrips(
        new ConsistencyProof(n, n + 2, List.of(h)), ProofJson::encode, ProofJson::consistency);
  }

  @Property(tries = 50)
  void logEntries(@ForAll("positions") long start, @ForAll("hashes") Hash h) {
    List<byte[]> leaves = List.of(h.bytes(), new byte[0], "leaf".getBytes());
    List<byte[]> back = LogEntriesJson.decode(LogEntriesJson.encode(start, leaves), start);
    assertThat(back).usingElementComparator(java.util.Arrays::compare).isEqualTo(leaves);
    assertThatThrownBy(() -> LogEntriesJson.decode(LogEntriesJson.encode(start + 1, leaves), start))
        .isInstanceOf(Rejection.class);
  }

  @Property(tries = 100)
  void unknownFieldsAreRefused(@ForAll("resultViews") ResultView r) {
    ObjectNode top = ResultJson.encode(r);
    top.put("surprise", 1);
    refusedAsUnknown(top, ResultJson::decode);
    ObjectNode nested = ResultJson.encode(r);
    ((ObjectNode) nested.get("run")).put("surprise", 1);
    refusedAsUnknown(nested, ResultJson::decode);
  }

  @Property(tries = 100)
  void aContradictingValBpbIsRefused(@ForAll("resultViews") ResultView r) {
    ObjectNode o = ResultJson.encode(r);
    o.put("val_bpb", r.valBpb() + 1);
    assertThatThrownBy(() -> ResultJson.decode(o)).isInstanceOf(Rejection.class);
  }

  // ---- helpers ----

  private static <T> void roundTrips(
      T value, Function<T, ObjectNode> enc, Function<JsonNode, T> dec) {
    ObjectNode encoded = enc.apply(value);
    try {
      assertThat(dec.apply(JSON.readTree(JSON.writeValueAsBytes(encoded)))).isEqualTo(value);
      assertThat(dec.apply(JSON.readTree(StrictJson.canonical(encoded)))).isEqualTo(value);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void refusedAsUnknown(ObjectNode json, Function<JsonNode, ?> dec) {
    assertThatThrownBy(() -> dec.apply(json))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD));
  }

  private static SigningKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[2] = 0x44;
    return SigningKey.fromSeed(seed);
  }

  // ---- generators ----

  /** Track ids as the track codec accepts them: lowercase, digits, '.', '_' and '-'. */
  private static Arbitrary<String> trackIds() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyz0123456789._-")
        .ofMinLength(1)
        .ofMaxLength(20)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
  }

  @Provide
  Arbitrary<Long> counts() {
    return Arbitraries.longs().between(0, MAX);
  }

  /** Log positions with room for a few more after them. */
  @Provide
  Arbitrary<Long> positions() {
    return Arbitraries.longs().between(0, MAX - 10);
  }

  @Provide
  Arbitrary<OptionalLong> optionalCounts() {
    return counts().injectNull(0.3).map(v -> v == null ? OptionalLong.empty() : OptionalLong.of(v));
  }

  @Provide
  Arbitrary<Hash> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::of);
  }

  private static Arbitrary<PublicKey> keys() {
    return Arbitraries.of(KEYS);
  }

  private static Arbitrary<String> labels() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("-._ é")
        .ofMinLength(1)
        .ofMaxLength(12);
  }

  private static Arbitrary<String> texts() {
    // Unpaired surrogates are not JSON text (I-JSON), so they are left out.
    return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(40);
  }

  private static Arbitrary<Double> numbers() {
    return Arbitraries.doubles().between(-1e6, 1e6);
  }

  private static Arbitrary<Instant> times() {
    return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
  }

  private static Arbitrary<Integer> ints(int min, int max) {
    return Arbitraries.integers().between(min, max);
  }

  private static <T> Arbitrary<Optional<T>> optional(Arbitrary<T> a) {
    return a.injectNull(0.3).map(Optional::ofNullable);
  }

  @Provide
  Arbitrary<AccountView> accountViews() {
    return Combinators.combine(
            keys(),
            labels(),
            counts(),
            counts(),
            counts(),
            counts(),
            counts().map(v -> v - MAX / 2))
        .as(
            (id, name, nonce, bal, esc, earned, rep) ->
                new Object[] {id, name, nonce, bal, esc, earned, rep})
        .flatMap(
            p ->
                Combinators.combine(
                        optional(labels()), counts(), counts(), optional(labels()), counts())
                    .as(
                        (cls, streak, at, workerCls, agreed) ->
                            new AccountView(
                                (PublicKey) p[0],
                                (String) p[1],
                                (long) p[2],
                                (long) p[3],
                                (long) p[4],
                                streak / 2,
                                (long) p[5],
                                (long) p[6],
                                cls,
                                streak,
                                at,
                                workerCls,
                                agreed)));
  }

  /** FLOP quantities over their whole range, beyond 2^53 included (they travel as digits). */
  private static Arbitrary<Long> flops() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, MAX),
        Arbitraries.longs().between(MAX + 1, Long.MAX_VALUE),
        Arbitraries.of(0L, MAX + 1, 15_000_000_000_000_000L, Long.MAX_VALUE));
  }

  private Arbitrary<RunSummary> runs() {
    return Combinators.combine(
            numbers(),
            flops(),
            counts(),
            hashes(),
            hashes().list().ofMaxSize(3),
            numbers(),
            labels(),
            ints(1, 4096))
        .as(
            (v, flops, tokens, param, segs, wall, hw, threads) ->
                new RunSummary(
                    v,
                    flops,
                    tokens,
                    param,
                    segs,
                    wall,
                    hw,
                    "cpu",
                    "2.10.0",
                    "float32",
                    threads,
                    List.of(4.5, 3.25)));
  }

  private Arbitrary<AttestationView> attestations() {
    return Combinators.combine(
            counts(),
            keys(),
            Arbitraries.of(Verdict.class),
            numbers(),
            flops(),
            hashes(),
            hashes().list().ofMaxSize(2),
            numbers())
        .as(
            (i, v, verdict, bpb, flops, p, segs, wall) ->
                new Object[] {i, v, verdict, bpb, flops, p, segs, wall})
        .flatMap(
            o ->
                Combinators.combine(labels(), optional(texts()), optional(hashes()))
                    .as(
                        (hw, reason, weights) ->
                            new AttestationView(
                                (long) o[0],
                                (PublicKey) o[1],
                                (Verdict) o[2],
                                (double) o[3],
                                (long) o[4],
                                (Hash) o[5],
                                castHashes(o[6]),
                                (double) o[7],
                                hw,
                                reason,
                                weights)));
  }

  @SuppressWarnings("unchecked")
  private static List<Hash> castHashes(Object o) {
    return (List<Hash>) o;
  }

  @Provide
  Arbitrary<ResultView> resultViews() {
    Arbitrary<Object[]> head =
        Combinators.combine(
                counts(),
                labels(),
                keys(),
                optionalCounts(),
                optionalCounts(),
                counts(),
                counts(),
                hashes())
            .as(
                (id, t, a, c, p, seed, steps, sha) ->
                    new Object[] {id, t, a, c, p, seed, steps, sha});
    Arbitrary<Object[]> middle =
        Combinators.combine(
                optional(texts()),
                runs(),
                times(),
                hashes(),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                ints(0, 16),
                keys().list().ofMaxSize(3))
            .as(
                (src, run, sub, leaf, cand, sampled, q, assigned) ->
                    new Object[] {src, run, sub, leaf, cand, sampled, q, assigned});
    Arbitrary<Object[]> tail =
        Combinators.combine(
                attestations().list().ofMaxSize(3),
                Arbitraries.of(Result.Status.class),
                optional(times()),
                counts(),
                Arbitraries.of(true, false))
            .as((atts, st, dec, minted, best) -> new Object[] {atts, st, dec, minted, best});
    return Combinators.combine(head, middle, tail).as(ViewCodecPropertiesTest::result);
  }

  @SuppressWarnings("unchecked")
  private static ResultView result(Object[] h, Object[] m, Object[] t) {
    return new ResultView(
        (long) h[0],
        (String) h[1],
        (PublicKey) h[2],
        (OptionalLong) h[3],
        (OptionalLong) h[4],
        (long) h[5],
        (long) h[6],
        (Hash) h[7],
        (Optional<String>) m[0],
        (RunSummary) m[1],
        (Instant) m[2],
        (Hash) m[3],
        (boolean) m[4],
        (boolean) m[5],
        (int) m[6],
        ((List<PublicKey>) m[7]).stream().map(k -> new Lease(k, (Instant) m[2])).toList(),
        ((List<PublicKey>) m[7]).stream().limit(1).toList(),
        (List<AttestationView>) t[0],
        (Result.Status) t[1],
        (Optional<Instant>) t[2],
        t[1] == Result.Status.VERIFIED
            ? OptionalDouble.of(((RunSummary) m[1]).valBpb() + 0.25)
            : OptionalDouble.empty(),
        (long) t[3],
        (Optional<Instant>) t[2],
        (boolean) t[4],
        t[1] == Result.Status.VERIFIED
            ? Optional.of(((RunSummary) m[1]).finalParamHash())
            : Optional.empty());
  }

  @Provide
  Arbitrary<BestView> bestViews() {
    return Combinators.combine(
            labels(), counts(), numbers(), keys(), counts(), optional(resultViews()))
        .as(BestView::new);
  }

  private Arbitrary<BestView> plainBests() {
    return Combinators.combine(labels(), counts(), numbers(), keys(), counts())
        .as((t, r, v, a, s) -> new BestView(t, r, v, a, s, Optional.empty()));
  }

  @Provide
  Arbitrary<TrackView> trackViews() {
    Arbitrary<TrackSpec> specs =
        Combinators.combine(
                trackIds(),
                labels(),
                hashes(),
                Arbitraries.longs().between(1, MAX),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0.01, 1),
                ints(1, 8),
                ints(8, 16))
            .as(
                (id, w, sha, steps, tol, min, ordinary, best) ->
                    new TrackSpec(
                        id,
                        w,
                        new DataSetRef("https://example.org/" + id, sha, steps),
                        steps,
                        tol,
                        tol + min,
                        ordinary,
                        best))
            .flatMap(t -> flops().filter(f -> f > 0).map(t::withBudgetFlops));
    return Combinators.combine(specs, optional(plainBests())).as(TrackView::new);
  }

  @Provide
  Arbitrary<WorkItemView> workItemViews() {
    return Combinators.combine(counts(), labels(), counts(), counts(), hashes(), labels())
        .as(WorkItemView::new);
  }

  @Provide
  Arbitrary<LeaderboardView> leaderboardViews() {
    Arbitrary<LeaderboardRow> rows =
        Combinators.combine(
                ints(1, 1000),
                keys(),
                optional(labels()),
                optionalCounts(),
                optionalCounts(),
                numbers()
                    .injectNull(0.3)
                    .map(v -> v == null ? OptionalDouble.empty() : OptionalDouble.of(v)),
                optionalCounts(),
                counts())
            .as((rank, a, n, e, r, b, br, v) -> new Object[] {rank, a, n, e, r, b, br, v})
            .flatMap(
                o ->
                    Combinators.combine(counts(), counts(), counts())
                        .as((rej, pend, minted) -> row(o, rej, pend, minted)));
    return Combinators.combine(labels(), rows.list().ofMaxSize(4)).as(LeaderboardView::new);
  }

  @SuppressWarnings("unchecked")
  private static LeaderboardRow row(Object[] o, long rejected, long pending, long minted) {
    return new LeaderboardRow(
        (int) o[0],
        (PublicKey) o[1],
        (Optional<String>) o[2],
        (OptionalLong) o[3],
        (OptionalLong) o[4],
        (OptionalDouble) o[5],
        (OptionalLong) o[6],
        (long) o[7],
        rejected,
        pending,
        minted);
  }

  @Provide
  Arbitrary<StatsView> statsViews() {
    return Combinators.combine(
            counts(), counts(), counts(), counts(), counts(), counts(), counts(), counts())
        .as((a, b, c, d, e, f, g, h) -> new long[] {a, b, c, d, e, f, g, h})
        .flatMap(
            n ->
                Combinators.combine(
                        plainBests().list().ofMaxSize(3),
                        counts(),
                        counts(),
                        Arbitraries.bigIntegers()
                            .between(BigInteger.ZERO, BigInteger.TEN.pow(29))
                            .edgeCases(e -> e.add(BigInteger.TWO.pow(64))))
                    .as(
                        (best, supply, subs, verifiedFlops) ->
                            new StatsView(
                                n[0],
                                n[1],
                                n[2],
                                new StatsView.ResultCounts(n[3], n[4], n[5]),
                                verifiedFlops,
                                n[7],
                                supply,
                                n[0],
                                n[1],
                                supply,
                                best,
                                subs)));
  }

  @Provide
  Arbitrary<ClaimsPage> claimsPages() {
    Arbitrary<ClaimView> claims =
        Combinators.combine(
                counts(),
                labels(),
                keys(),
                texts(),
                optionalCounts(),
                hashes(),
                times(),
                Arbitraries.of(ClaimView.Status.class))
            .as(
                (id, t, a, d, p, sha, created, st) ->
                    new ClaimView(id, t, a, d, p, sha, created, created.plusSeconds(3600), st));
    return Combinators.combine(claims.list().ofMaxSize(4), times()).as(ClaimsPage::new);
  }

  @Provide
  Arbitrary<HypothesisView> hypothesisViews() {
    return Combinators.combine(
            counts(),
            labels(),
            keys(),
            texts(),
            texts(),
            texts(),
            counts().list().ofMaxSize(4),
            ints(0, 5))
        .as(
            (id, t, a, title, text, change, ev, prio) ->
                new Object[] {id, t, a, title, text, change, ev, prio})
        .flatMap(o -> times().map(created -> hypothesis(o, created)));
  }

  @SuppressWarnings("unchecked")
  private static HypothesisView hypothesis(Object[] o, Instant created) {
    return new HypothesisView(
        (long) o[0],
        (String) o[1],
        (PublicKey) o[2],
        (String) o[3],
        (String) o[4],
        (String) o[5],
        (List<Long>) o[6],
        (int) o[7],
        created);
  }
}
