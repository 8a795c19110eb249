package dev.swarmledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.cli.SwarmCli;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.contributor.Publication;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.WorkReturn;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.track.Track;
import dev.swarmledger.trainer.track.Tracks;
import dev.swarmledger.verifier.ResultReRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sound-credits rules end to end: real training, two real CPU verifier daemons, one node whose
 * log time the test moves by hand (leases and challenge windows pass at once) and a genesis policy
 * that trusts a contributor after one verified result and samples 1% of its ordinary results.
 *
 * <p>Every run here is the tiny baseline or a copy with a comment added, which trains bit for bit
 * the same: so the one true val_bpb is the honest run's, and anything else recorded would be false.
 * Each scenario ends with a full audit (signatures, proofs, replay, every balance and best).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoundCreditsE2ETest {
  private static final Duration VERDICT = Duration.ofMinutes(4);
  private static final String TRACK = TinyRuns.TRACK;
  private static final String BUDGET_TRACK = "shakespeare-budget";

  /** A hardware class no verifier here has but the silent one. */
  private static final String SILENT_CLASS = "cpu-silent-host";

  /** A class nobody has: what a cheater writes into a record to avoid bit-exact comparison. */
  private static final String FOREIGN_CLASS = "gpu-elsewhere";

  /** Trusted after one verified result; 1% of a trusted contributor's ordinary results drawn. */
  private static final Policy POLICY =
      new Policy(900, 256 * 1024, 5_000_000, 100, 10, 1, 1, 800, 1800, 86_400, 1, 200, 5);

  /** The quick CPU track, and the same workload under a second id for the small-budget track. */
  private static final Trainer TRAINER = trainer();

  @TempDir static Path dir;

  private static ManualClock clock;
  private static SigningKey operator;
  private static LedgerNode node;
  private static Ledger ledger;
  private static VerifierThreads verifiers;
  private static SigningKey vera;
  private static SigningKey victor;
  private static SigningKey sam;
  private static SigningKey alice;
  private static SigningKey mallory;
  private static SigningKey trudy;
  private static RunRecord honest;
  private static RunSummary truth;
  private static TrackSpec track;
  private static long budget;
  private static int ticks;

  /** alice's honest undrawn results, open to challenge. */
  private static JsonNode honestUndrawn;

  private static JsonNode slandered;

  @BeforeAll
  static void swarm() {
    operator = SigningKey.generate(new SecureRandom());
    clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    node =
        LedgerNode.start(
            new NodeConfig(
                Optional.of(dir.resolve("node")),
                "127.0.0.1",
                0,
                operator,
                NodeConfig.DEFAULT_ORIGIN,
                POLICY,
                1 << 20,
                1024,
                65536,
                clock));
    ledger = new Ledger(node.url(), operator, dir.resolve("keys"));
    vera = ledger.verifier("vera", Ledger.CPU);
    victor = ledger.verifier("victor", Ledger.CPU);
    alice = ledger.register("alice");
    mallory = ledger.register("mallory");
    trudy = ledger.register("trudy");
    track = ledger.client.track(TRACK).orElseThrow().spec();
    verifiers = new VerifierThreads();
    verifiers.start("vera", node.url(), vera, TRAINER, dir.resolve("state/vera"));
    verifiers.start("victor", node.url(), victor, TRAINER, dir.resolve("state/victor"));
    honest = TinyRuns.train(TRAINER, TinyRuns.baseline());
    truth =
        Publication.of(honest, TinyRuns.baseline(), OptionalLong.empty(), OptionalLong.empty())
            .run();
  }

  @AfterAll
  static void shutDown() throws InterruptedException {
    if (verifiers != null) {
      verifiers.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void auditsAndNoVerifierCrashed() throws Exception {
    verifiers.assertNoneCrashed();
    assertThat(ledger.audit().checkpoint().size()).isEqualTo(ledger.logSize());
  }

  // Scenario 1 (a val_bpb claimed below the truth on the same class is a mismatch, nothing
  // minted) is CheatingE2ETest.fabricatedValBpbIsCaughtByTheReRun.

  @Test
  @Order(1)
  void aBetterScoreClaimedOnAForeignClassIsRecordedAtTheMeasuredValueAndNeverBecomesBest() {
    // Lowered by 90% of the tolerance, and the class edited so no verifier compares bit for bit:
    // with no best yet it is a candidate best, re-run by both CPU verifiers.
    double claimed = truth.valBpb() - 0.9 * track.tolerance();
    RunSummary forged = with(truth, claimed, truth.flops(), FOREIGN_CLASS);

    JsonNode r = decided(submit(mallory, TRACK, noted("foreign class"), forged));

    assertThat(r.get("candidate_best").asBoolean()).isTrue();
    assertThat(r.get("status").asText()).isEqualTo("verified");
    assertThat(r.get("attestations"))
        .hasSize(2)
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("within_tolerance");
              assertThat(a.get("hardware_class").asText()).isEqualTo(Ledger.CPU);
            });
    assertThat(r.get("val_bpb").asDouble()).isEqualTo(claimed);
    assertThat(r.get("verified_val_bpb").asDouble()).isEqualTo(truth.valBpb());
    assertThat(r.get("became_best").asBoolean()).isFalse();
    assertThat(ledger.best()).isEmpty();
    // Paid for the FLOPs the verifiers counted, not one more, and no best bonus.
    assertThat(r.get("minted").asLong()).isEqualTo(Credits.forFlops(honest.flops()));
    assertThat(ledger.account(mallory).get("earned").asLong())
        .isEqualTo(Credits.forFlops(honest.flops()));
  }

  @Test
  @Order(2)
  void anHonestRunReproducedExactlyOnItsOwnClassByTwoVerifiersBecomesTheBest() {
    JsonNode r = decided(submit(alice, TRACK, TinyRuns.baseline(), truth));

    assertThat(r.get("status").asText()).isEqualTo("verified");
    assertThat(r.get("attestations"))
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.get("verdict").asText()).isEqualTo("exact"));
    assertThat(r.get("became_best").asBoolean()).isTrue();
    assertThat(ledger.best().orElseThrow().get("val_bpb").asDouble()).isEqualTo(truth.valBpb());
    assertThat(r.get("minted").asLong())
        .isEqualTo(Credits.forFlops(honest.flops()) + POLICY.newBestBonusMicro());
    assertThat(ledger.account(alice).get("streak").asLong()).isEqualTo(1); // now trusted
  }

  @Test
  @Order(3)
  void inflatedFlopsAreAMismatchAndMintNothing() {
    RunSummary forged = with(truth, truth.valBpb(), 2 * truth.flops(), truth.hardwareClass());
    assertThat(forged.flops()).isLessThanOrEqualTo(track.budgetFlops());

    JsonNode r = rejected(trudy, submit(trudy, TRACK, noted("inflated flops"), forged));

    assertThat(r.get("attestations"))
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("mismatch");
              assertThat(a.get("flops").textValue()).isEqualTo(Long.toString(honest.flops()));
              assertThat(a.get("reason").asText()).startsWith("FLOPs differ");
            });
  }

  @Test
  @Order(4)
  void aRunThatNeedsMoreThanTheBudgetIsOverBudgetAndMintsNothing() {
    budget = honest.flops() / 2;
    TrackSpec small =
        new TrackSpec(
            BUDGET_TRACK,
            track.workload(),
            track.data(),
            budget,
            track.tolerance(),
            track.minImprovement(),
            track.ordinaryQuorum(),
            track.bestQuorum());
    send(operator, new TrackCreate(small));
    // The honest numbers are refused at the door.
    assertThat(refused(trudy, submitBody(BUDGET_TRACK, noted("honest but big"), truth)).code())
        .isEqualTo(ErrorCode.OVER_BUDGET);

    RunSummary fits = with(truth, truth.valBpb(), budget, truth.hardwareClass());
    long id = submit(trudy, BUDGET_TRACK, noted("claims to fit"), fits);
    JsonNode r = rejected(trudy, id);

    assertThat(r.get("quorum").asInt()).isEqualTo(2); // the track's first result
    assertThat(r.get("attestations"))
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("over_budget");
              assertThat(a.get("flops").textValue()).isEqualTo(Long.toString(honest.flops()));
            });
    assertThat(ledger.client.best(BUDGET_TRACK)).isEmpty();
  }

  @Test
  @Order(5)
  void aHandedBackJobGoesToAnotherVerifierAndNeverComesBack() {
    // sam, the only verifier of its class, comes first for a result of that class.
    sam = ledger.verifier("sam", SILENT_CLASS);
    SigningKey carol = ledger.register("carol");
    RunSummary run = with(truth, truth.valBpb(), truth.flops(), SILENT_CLASS);
    long id = submit(carol, TRACK, noted("handed back"), run);
    assertThat(ledger.result(id).get("assigned"))
        .extracting(JsonNode::asText)
        .containsExactly(hex(sam));

    // sam cannot attest under a class it was not granted, even for work it holds.
    assertThat(refused(sam, attestation(id, Verdict.EXACT, run, Ledger.CPU)).code())
        .isEqualTo(ErrorCode.WRONG_HARDWARE_CLASS);
    long reputation = ledger.reputation(sam);
    send(sam, new WorkReturn(id));

    assertThat(ledger.reputation(sam)).isEqualTo(reputation);
    JsonNode after = ledger.result(id);
    assertThat(after.get("excluded")).extracting(JsonNode::asText).containsExactly(hex(sam));
    assertThat(after.get("assigned"))
        .extracting(JsonNode::asText)
        .hasSize(1)
        .isSubsetOf(hex(vera), hex(victor));
    assertThat(refused(sam, new WorkReturn(id)).code()).isEqualTo(ErrorCode.NOT_ASSIGNED);
    assertThat(refused(sam, attestation(id, Verdict.EXACT, run, SILENT_CLASS)).code())
        .isEqualTo(ErrorCode.NOT_ASSIGNED);

    JsonNode r = decided(id);
    assertThat(r.get("status").asText()).isEqualTo("verified");
    assertThat(r.get("verified_val_bpb").asDouble()).isEqualTo(truth.valBpb());
    assertThat(Ledger.attestationsBy(r, sam)).isEmpty();
  }

  @Test
  @Order(6)
  void aSilentVerifierLosesItsLeaseAndReputationAndARunningOneFinishesTheJob() {
    SigningKey bob = ledger.register("bob");
    RunSummary run = with(truth, truth.valBpb(), truth.flops(), SILENT_CLASS);
    long id = submit(bob, TRACK, noted("silent verifier"), run);
    JsonNode r = ledger.result(id);
    assertThat(r.get("assigned")).extracting(JsonNode::asText).containsExactly(hex(sam));
    assertThat(Instant.parse(r.get("leases").get(0).get("deadline").asText()))
        .isEqualTo(Instant.parse(r.get("submitted").asText()).plusSeconds(POLICY.leaseSeconds()));
    long reputation = ledger.reputation(sam);

    clock.advance(Duration.ofSeconds(POLICY.leaseSeconds() + 1));
    assertThat(refused(sam, attestation(id, Verdict.EXACT, run, SILENT_CLASS)).code())
        .isEqualTo(ErrorCode.LEASE_EXPIRED);
    tick(); // leases end after an accepted leaf

    assertThat(ledger.reputation(sam)).isEqualTo(reputation - POLICY.silencePenalty());
    JsonNode moved = ledger.result(id);
    assertThat(moved.get("excluded")).extracting(JsonNode::asText).containsExactly(hex(sam));
    assertThat(moved.get("assigned"))
        .extracting(JsonNode::asText)
        .hasSize(1)
        .isSubsetOf(hex(vera), hex(victor));
    JsonNode done = decided(id);
    assertThat(done.get("status").asText()).isEqualTo("verified");
    assertThat(done.get("verified_val_bpb").asDouble()).isEqualTo(truth.valBpb());
    // Late is refused for good, and the silence earned nothing.
    assertThatThrownBy(() -> send(sam, attestation(id, Verdict.EXACT, run, SILENT_CLASS)))
        .isInstanceOf(ApiException.class);
    assertThat(Ledger.attestationsBy(done, sam)).isEmpty();
    assertThat(ledger.account(sam).get("earned").asLong()).isZero();
  }

  @Test
  @Order(7)
  void aFalsifiedUndrawnResultIsChallengedItsPendingCreditsBurnedAndTheChallengerPaid()
      throws Exception {
    honestUndrawn = undrawn(alice, "honest undrawn", truth);
    slandered = undrawn(alice, "slandered", truth);
    RunSummary inflated = with(truth, truth.valBpb(), 3 * truth.flops(), truth.hardwareClass());
    JsonNode falsified = undrawn(alice, "falsified", inflated);
    for (JsonNode u : List.of(honestUndrawn, slandered, falsified)) {
      assertThat(u.get("status").asText()).isEqualTo("verified");
      assertThat(u.has("verified_val_bpb")).isFalse();
      assertThat(u.get("assigned")).isEmpty();
      assertThat(Instant.parse(u.get("challenge_until").asText()))
          .isEqualTo(
              Instant.parse(u.get("submitted").asText())
                  .plusSeconds(POLICY.challengeWindowSeconds()));
    }
    long pending = ledger.account(alice).get("pending").asLong();
    assertThat(pending)
        .isEqualTo(2 * Credits.forFlops(truth.flops()) + Credits.forFlops(3 * truth.flops()))
        .isEqualTo(
            honestUndrawn.get("minted").asLong()
                + slandered.get("minted").asLong()
                + falsified.get("minted").asLong());
    // Pending credits cannot be spent.
    long balance = ledger.balance(alice);
    assertThat(refused(alice, transfer(mallory, balance + 1)).code())
        .isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    long id = falsified.get("id").asLong();
    // A verifier of another class may not challenge; a verdict the numbers do not give is refused.
    assertThat(refused(sam, attestation(id, Verdict.MISMATCH, truth, SILENT_CLASS)).code())
        .isEqualTo(ErrorCode.WRONG_HARDWARE_CLASS);
    assertThat(refused(vera, attestation(id, Verdict.EXACT, truth, Ledger.CPU)).code())
        .isEqualTo(ErrorCode.INCONSISTENT_VERDICT);

    // The challenge: vera re-runs it for real with the branch's one re-run and signs what it says.
    ResultReRun reRun = new ResultReRun(ledger.client, TRAINER);
    AttestationSubmit challenge = reRun.run(reRun.fetch(id), ProgressListener.NONE).verdict();
    assertThat(challenge.verdict()).isEqualTo(Verdict.MISMATCH);
    long veraBalance = ledger.balance(vera);
    long victorEarned = ledger.account(victor).get("earned").asLong();
    long aliceReputation = ledger.reputation(alice);
    send(vera, challenge);

    // One challenger condemns no one: the result reopens, its credits frozen, and another
    // verifier of the class (victor's daemon) re-runs it.
    JsonNode reopened = ledger.result(id);
    assertThat(reopened.get("status").asText()).isEqualTo("pending");
    assertThat(ledger.account(alice).get("pending").asLong()).isEqualTo(pending);
    JsonNode r = ledger.awaitDecided(id, VERDICT);
    assertThat(r.get("status").asText()).isEqualTo("rejected");
    assertThat(Ledger.attestationsBy(r, victor))
        .singleElement()
        .satisfies(x -> assertThat(x.get("verdict").asText()).isEqualTo("mismatch"));
    assertThat(r.has("challenge_until")).isFalse();
    assertThat(r.has("verified_val_bpb")).isFalse();
    JsonNode a = ledger.account(alice);
    assertThat(a.get("pending").asLong()).isEqualTo(pending - falsified.get("minted").asLong());
    assertThat(a.get("balance").asLong()).isEqualTo(balance);
    assertThat(a.get("streak").asLong()).isZero();
    assertThat(a.get("reputation").asLong()).isEqualTo(aliceReputation - POLICY.mismatchPenalty());
    // Both re-runners are paid their re-run, capped by the claim and the budget.
    assertThat(ledger.balance(vera)).isEqualTo(veraBalance + Credits.forFlops(honest.flops()));
    assertThat(ledger.account(victor).get("earned").asLong())
        .isEqualTo(victorEarned + Credits.forFlops(honest.flops()));

    // A lazy "challenge" that merely repeats the claim changes nothing and pays nothing.
    long victorBalance = ledger.balance(victor);
    long honestId = honestUndrawn.get("id").asLong();
    send(victor, attestation(honestId, Verdict.EXACT, truth, Ledger.CPU));
    assertThat(refused(victor, attestation(honestId, Verdict.EXACT, truth, Ledger.CPU)).code())
        .isEqualTo(ErrorCode.DUPLICATE_ATTESTATION);
    assertThat(ledger.balance(victor)).isEqualTo(victorBalance);
    assertThat(ledger.result(honestId).get("status").asText()).isEqualTo("verified");
    assertThat(ledger.result(honestId).has("challenge_until")).isTrue();
    assertThat(ledger.account(alice).get("pending").asLong())
        .isEqualTo(pending - falsified.get("minted").asLong());
  }

  @Test
  @Order(8)
  void aChallengerWhoLiesAboutItsReRunCannotBurnAnHonestResult() {
    long id = slandered.get("id").asLong();
    long pending = ledger.account(alice).get("pending").asLong();
    long veraBalance = ledger.balance(vera);
    // Nothing was re-run: vera signs numbers she made up (consistent with "mismatch").
    AttestationSubmit lie =
        new AttestationSubmit(
            id,
            Verdict.MISMATCH,
            truth.valBpb() + 0.5,
            track.budgetFlops(),
            truth.finalParamHash(),
            truth.segmentHashes(),
            1,
            Ledger.CPU,
            Optional.of("made up"));
    try {
      send(vera, lie);
    } catch (ApiException refusedOutright) {
      return; // refusing an unsupported challenge is also sound
    }
    assertThat(ledger.result(id).get("status").asText()).isNotEqualTo("rejected");
    assertThat(ledger.account(alice).get("pending").asLong()).isEqualTo(pending);
    // victor's daemon re-runs the reopened result and reproduces it: the lie is outvoted 1:1 so far
    // and the credits stay frozen until a tie-breaker decides; the liar was paid nothing.
    Await.until(
        "victor's re-run of the slandered result",
        VERDICT,
        () -> !Ledger.attestationsBy(ledger.result(id), victor).isEmpty());
    JsonNode r = ledger.result(id);
    assertThat(Ledger.attestationsBy(r, victor))
        .singleElement()
        .satisfies(x -> assertThat(x.get("verdict").asText()).isEqualTo("exact"));
    assertThat(r.get("status").asText()).isNotEqualTo("rejected");
    assertThat(ledger.account(alice).get("pending").asLong()).isEqualTo(pending);
    assertThat(ledger.balance(vera)).isEqualTo(veraBalance);
  }

  @Test
  @Order(9)
  void afterTheWindowPendingCreditsAreReleasedAndLateChallengesAreRefused() {
    long honestId = honestUndrawn.get("id").asLong();
    JsonNode before = ledger.account(alice);
    long stillPending = before.get("pending").asLong();
    assertThat(stillPending).isPositive();

    clock.advance(Duration.ofSeconds(POLICY.challengeWindowSeconds()));
    tick();

    JsonNode after = ledger.account(alice);
    // The slandered result waits for its tie-breaker: its credits stay frozen past the window.
    long frozen = slandered.get("minted").asLong();
    assertThat(after.get("pending").asLong()).isEqualTo(frozen);
    stillPending -= frozen;
    assertThat(after.get("balance").asLong())
        .isEqualTo(before.get("balance").asLong() + stillPending);
    JsonNode r = ledger.result(honestId);
    assertThat(r.get("status").asText()).isEqualTo("verified");
    assertThat(r.has("challenge_until")).isFalse();
    assertThat(
            refused(vera, attestation(honestId, Verdict.MISMATCH, wrong(truth), Ledger.CPU)).code())
        .isEqualTo(ErrorCode.CHALLENGE_CLOSED);
    // Released credits are spendable.
    send(alice, transfer(mallory, stillPending));
    assertThat(ledger.balance(alice)).isEqualTo(before.get("balance").asLong());
  }

  @Test
  @Order(10)
  void aRejectedSourceCannotBePublishedAgain() {
    for (SigningKey who : List.of(trudy, alice)) {
      List<JsonNode> rejected =
          ledger.results(who).stream()
              .filter(r -> r.get("status").asText().equals("rejected"))
              .toList();
      assertThat(rejected).isNotEmpty();
      for (JsonNode r : rejected) {
        String source = ledger.result(r.get("id").asLong()).get("source").asText();
        String trackId = r.get("track").asText();
        RunSummary honestNumbers =
            trackId.equals(BUDGET_TRACK)
                ? with(truth, truth.valBpb(), budget, truth.hardwareClass())
                : truth;
        assertThat(refused(who, submitBody(trackId, source, honestNumbers)).code())
            .isEqualTo(ErrorCode.DUPLICATE_SOURCE);
      }
    }
  }

  @Test
  @Order(11)
  void nothingFalseWasRecordedAndSwarmAuditPasses() {
    List<JsonNode> all = new ArrayList<>();
    for (SigningKey who : List.of(alice, mallory, trudy)) {
      all.addAll(ledger.results(who));
    }
    // Every recorded value is the one true value of these runs.
    assertThat(all)
        .filteredOn(r -> r.has("verified_val_bpb"))
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.get("verified_val_bpb").asDouble()).isEqualTo(truth.valBpb()));
    assertThat(ledger.best().orElseThrow().get("val_bpb").asDouble()).isEqualTo(truth.valBpb());
    assertThat(ledger.account(trudy).get("earned").asLong()).isZero();
    assertThat(ledger.balance(trudy)).isZero();
    assertThat(ledger.reputation(vera)).isGreaterThan(POLICY.initialReputation());
    assertThat(ledger.reputation(victor)).isGreaterThan(POLICY.initialReputation());

    int exit =
        SwarmCli.commandLine()
            .execute("audit", "--node", ledger.url(), "--state", dir.resolve("audit").toString());
    assertThat(exit).isZero();
  }

  // ---- helpers ----

  private static Trainer trainer() {
    Track quick = Tracks.SHAKESPEARE_CHAR.withEvalTokens(8_192);
    Track budget =
        new Track(
            BUDGET_TRACK,
            quick.dataSet(),
            quick.tokenizer(),
            quick.split(),
            quick.sequenceLength(),
            quick.evalTokens(),
            quick.defaultBudget(),
            quick.maxBatchSize(),
            quick.hashInterval());
    return new Trainer(
        TrainerSettings.fromEnvironment(false)
            .withTrack(quick)
            .withTrack(budget)
            .withWallTimeLimit(Duration.ofMinutes(5)));
  }

  /** The baseline with a comment: another source that trains exactly like it. */
  private static String noted(String note) {
    return TinyRuns.noted(TinyRuns.baseline(), note);
  }

  private static RunSummary with(RunSummary s, double valBpb, long flops, String hardwareClass) {
    return new RunSummary(
        valBpb,
        flops,
        s.tokens(),
        s.finalParamHash(),
        s.segmentHashes(),
        s.wallSeconds(),
        hardwareClass,
        s.device(),
        s.libtorch(),
        s.dtype(),
        s.threads(),
        s.trainLoss(),
        s.sandbox());
  }

  /** Numbers that disagree with {@code s}: another val_bpb, same FLOPs. */
  private static RunSummary wrong(RunSummary s) {
    return with(s, s.valBpb() + 0.5, s.flops(), s.hardwareClass());
  }

  private static ResultSubmit submitBody(String trackId, String source, RunSummary run) {
    Hash sha = Hash.sha256(source.getBytes(StandardCharsets.UTF_8));
    return new ResultSubmit(
        trackId,
        OptionalLong.empty(),
        OptionalLong.empty(),
        TinyRuns.SEED,
        TinyRuns.STEPS,
        source,
        sha,
        run);
  }

  private static long submit(SigningKey who, String trackId, String source, RunSummary run) {
    return send(who, submitBody(trackId, source, run));
  }

  /** An attestation of {@code run}'s numbers as if measured (nothing re-run). */
  private static AttestationSubmit attestation(
      long result, Verdict verdict, RunSummary run, String hardwareClass) {
    return new AttestationSubmit(
        result,
        verdict,
        run.valBpb(),
        run.flops(),
        run.finalParamHash(),
        run.segmentHashes(),
        run.wallSeconds(),
        hardwareClass,
        verdict.needsReason() ? Optional.of("numbers differ") : Optional.empty());
  }

  private static CreditTransfer transfer(SigningKey to, long micro) {
    return new CreditTransfer(to.publicKey(), micro, Optional.empty());
  }

  private static long send(SigningKey who, TxBody body) {
    return new AccountSession(ledger.client, who).submit(body).index();
  }

  private static ApiException refused(SigningKey who, TxBody body) {
    long size = ledger.logSize();
    try {
      send(who, body);
    } catch (ApiException e) {
      assertThat(ledger.logSize()).isEqualTo(size);
      return e;
    }
    throw new AssertionError("accepted: " + body);
  }

  /** Any accepted leaf: the rules let log time pass (leases, challenge windows) after each one. */
  private static void tick() {
    ledger.register("tick-" + ++ticks);
  }

  private static String hex(SigningKey k) {
    return k.publicKey().hex();
  }

  private static JsonNode decided(long id) {
    JsonNode r = ledger.awaitDecided(id, VERDICT);
    verifiers.assertNoneCrashed();
    return r;
  }

  /** Rejected by disagreeing re-runs: nothing minted, the cheater's reputation lowered. */
  private static JsonNode rejected(SigningKey cheater, long id) {
    long reputation = ledger.reputation(cheater);
    Optional<JsonNode> best = ledger.best();
    JsonNode r = decided(id);
    assertThat(r.get("status").asText()).as("status of result #%d", id).isEqualTo("rejected");
    assertThat(r.get("minted").asLong()).isZero();
    assertThat(r.has("verified_val_bpb")).isFalse();
    assertThat(r.get("became_best").asBoolean()).isFalse();
    assertThat(r.get("attestations")).hasSize(r.get("quorum").asInt());
    assertThat(ledger.account(cheater).get("earned").asLong()).isZero();
    assertThat(ledger.reputation(cheater)).isLessThan(reputation);
    assertThat(ledger.best()).isEqualTo(best);
    return r;
  }

  /**
   * Submits copies of the baseline with {@code run}'s numbers until sampling leaves one undrawn
   * (deterministic from the leaf hash, so a new source is a new draw). A drawn one is re-run like
   * any sampled result; if it was falsified and rejected, an honest result restores trust first.
   */
  private static JsonNode undrawn(SigningKey who, String tag, RunSummary run) {
    for (int i = 0; i < 6; i++) {
      long id = submit(who, TRACK, noted(tag + " " + i), run);
      JsonNode r = ledger.result(id);
      if (!r.get("sampled").asBoolean()) {
        return r;
      }
      if (decided(id).get("status").asText().equals("rejected")) {
        decided(submit(who, TRACK, noted(tag + " trust " + i), truth));
      }
    }
    throw new AssertionError("sampling drew every one of 6 results at 1%");
  }
}
