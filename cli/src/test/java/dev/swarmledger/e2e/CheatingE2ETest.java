package dev.swarmledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.cli.SwarmCli;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.contributor.Publication;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.tx.TxCodec;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunRecordJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Cheats built the way a cheater would: train honestly with the real trainer, then alter what is
 * published and sign it by hand (no {@link Publication} checks in the way). Two honest verifiers
 * re-run every submission for real; each cheat must end rejected with nothing minted, the cheater's
 * reputation lowered, the best untouched, and the log still passing a full audit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheatingE2ETest {
  private static final Duration VERDICT = Duration.ofMinutes(4);

  @TempDir static Path dir;

  private static LedgerNode node;
  private static Ledger ledger;
  private static VerifierThreads verifiers;
  private static SigningKey vera;
  private static SigningKey victor;
  private static SigningKey mallory;
  private static RunRecord honest;

  @BeforeAll
  static void swarm() {
    SigningKey operator = SigningKey.generate(new SecureRandom());
    node =
        LedgerNode.start(NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", 0, operator));
    ledger = new Ledger(node.url(), operator, dir.resolve("keys"));
    vera = ledger.verifier("vera", Ledger.CPU);
    victor = ledger.verifier("victor", Ledger.CPU);
    mallory = ledger.register("mallory");
    verifiers = new VerifierThreads();
    verifiers.start("vera", node.url(), vera, TinyRuns.QUICK, dir.resolve("state/vera"));
    verifiers.start("victor", node.url(), victor, TinyRuns.QUICK, dir.resolve("state/victor"));
    honest = TinyRuns.train(TinyRuns.QUICK, TinyRuns.baseline());
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

  @Test
  @Order(1)
  void fabricatedValBpbIsCaughtByTheReRun() {
    RunSummary real = summary(honest, TinyRuns.baseline());
    RunSummary claimed = withValBpb(real, honest.valBpb() - 1.0);

    JsonNode r = caught(forged(TinyRuns.baseline(), TinyRuns.STEPS, claimed));

    // Same training, same parameters: only the number the cheater typed differs.
    assertThat(r.get("attestations"))
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("mismatch");
              assertThat(a.get("final_param_hash").asText()).isEqualTo(honest.finalParamHash());
              assertThat(a.get("val_bpb").asDouble()).isEqualTo(honest.valBpb());
              assertThat(a.get("reason").asText())
                  .startsWith("same training trajectory but val_bpb differs");
            });
  }

  @Test
  @Order(2)
  void aSourceChangedAfterTheRunIsRefusedBeforeItReachesTheLog() throws Exception {
    String changed = changedAfterTheRun();
    assertThatThrownBy(
            () -> Publication.of(honest, changed, OptionalLong.empty(), OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publish exactly the file that ran");

    Path run = Files.writeString(dir.resolve("run.json"), RunRecordJson.toJson(honest));
    Path source = Files.writeString(dir.resolve("Changed.java"), changed);
    long size = ledger.logSize();
    StringWriter err = new StringWriter();
    CommandLine cli = SwarmCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "publish",
            "--node",
            ledger.url(),
            "--key",
            ledger.keyFile("mallory").toString(),
            run.toString(),
            source.toString());
    assertThat(exit).isEqualTo(1); // ExitCodes.USAGE: bad input, refused before reaching the node
    assertThat(err.toString()).contains("publish exactly the file that ran");

    // Signed by hand with the hash of what ran: the node checks the hash against the text.
    ResultSubmit lying =
        new ResultSubmit(
            TinyRuns.TRACK,
            OptionalLong.empty(),
            OptionalLong.empty(),
            TinyRuns.SEED,
            TinyRuns.STEPS,
            changed,
            Hash.fromHex(honest.sourceSha256()),
            summary(honest, TinyRuns.baseline()));
    assertThatThrownBy(() -> submit(lying))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_HASH_MISMATCH);
              assertThat(e.status()).isEqualTo(422);
            });
    assertThat(ledger.logSize()).isEqualTo(size);
    assertThat(ledger.results(mallory))
        .noneMatch(n -> n.get("source_sha256").asText().equals(sha(changed).hex()));
  }

  @Test
  @Order(3)
  void aSourceChangedAfterTheRunIsCaughtByItsParameterHash() {
    String changed = changedAfterTheRun();
    RunSummary claimed = summary(honest, TinyRuns.baseline());

    JsonNode r = caught(forged(changed, TinyRuns.STEPS, claimed));

    assertThat(r.get("attestations"))
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("mismatch");
              assertThat(a.get("final_param_hash").asText()).isNotEqualTo(honest.finalParamHash());
              assertThat(a.get("reason").asText()).startsWith("final parameters differ");
            });
  }

  @Test
  @Order(4)
  void aRunThatTrainedMoreStepsThanItClaimsIsCaught() {
    String source = TinyRuns.noted(TinyRuns.baseline(), "trained 25 steps, claims 20");
    RunRecord longer = TinyRuns.train(TinyRuns.QUICK, source, TinyRuns.SEED, 25);
    // The careful cheater also scales FLOPs and tokens down to 20 steps: only the parameters tell.
    RunSummary r25 = summary(longer, source);
    RunSummary claimed =
        new RunSummary(
            r25.valBpb(),
            honest.flops(),
            honest.tokens(),
            r25.finalParamHash(),
            r25.segmentHashes(),
            r25.wallSeconds() * 20 / 25,
            r25.hardwareClass(),
            r25.device(),
            r25.libtorch(),
            r25.dtype(),
            r25.threads(),
            r25.trainLoss().subList(0, Math.min(20, r25.trainLoss().size())));

    JsonNode r = caught(forged(source, TinyRuns.STEPS, claimed));

    assertThat(r.get("steps").asLong()).isEqualTo(20);
    assertThat(r.get("attestations"))
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("mismatch");
              // What 20 steps of this source really give (comments do not change training).
              assertThat(a.get("final_param_hash").asText()).isEqualTo(honest.finalParamHash());
              assertThat(a.get("final_param_hash").asText()).isNotEqualTo(longer.finalParamHash());
              assertThat(a.get("reason").asText()).startsWith("final parameters differ");
            });
  }

  @Test
  @Order(5)
  void aModelThatPeeksAtFutureTokensFailsTheCausalityCheck() {
    String peeking = TinyRuns.resource("Peeking.java");
    RunSummary claimed =
        withValBpb(withParams(summary(honest, TinyRuns.baseline()), sha("peeking params")), 0.75);

    JsonNode r = caught(forged(peeking, TinyRuns.STEPS, claimed));

    assertThat(r.get("attestations"))
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("failed");
              assertThat(a.get("reason").asText()).containsIgnoringCase("causality");
            });
  }

  @Test
  @Order(6)
  void aSourceThatReadsTheValidationDataIsRefusedByTheSandbox() {
    sandboxRefuses(TinyRuns.resource("ReadsValidation.java"));
  }

  @Test
  @Order(7)
  void aSourceThatUsesTheNetworkIsRefusedByTheSandbox() {
    sandboxRefuses(TinyRuns.resource("UsesNetwork.java"));
  }

  @Test
  @Order(8)
  void afterEveryCheatNothingWasMintedToTheCheaterAndTheLogAudits() throws Exception {
    verifiers.assertNoneCrashed();
    JsonNode m = ledger.account(mallory);
    assertThat(m.get("balance").asLong()).isZero();
    assertThat(m.get("earned").asLong()).isZero();
    assertThat(ledger.results(mallory))
        .isNotEmpty()
        .allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("rejected"));
    assertThat(ledger.best()).isEmpty();
    // The honest verifiers were right every time: never outvoted, and every attestation that
    // agreed with the outcome earned them reputation.
    for (SigningKey v : List.of(vera, victor)) {
      long attested =
          ledger.results(mallory).stream()
              .filter(r -> !Ledger.attestationsBy(r, v).isEmpty())
              .count();
      assertThat(attested).isPositive();
      assertThat(ledger.reputation(v))
          .isEqualTo(
              Ledger.POLICY.initialReputation() + attested * Ledger.POLICY.agreementReward());
    }
    assertThat(ledger.audit().checkpoint().size()).isEqualTo(ledger.logSize());
  }

  // ---- the cheater's tools ----

  /** The baseline with its learning rate edited after the run. */
  private static String changedAfterTheRun() {
    return TinyRuns.baseline().replace("ADAMW_RATE = 0.006", "ADAMW_RATE = 0.007");
  }

  private void sandboxRefuses(String source) {
    assertThatThrownBy(() -> TinyRuns.QUICK.check(source))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.SOURCE_REFUSED));
    RunSummary claimed =
        withValBpb(withParams(summary(honest, TinyRuns.baseline()), sha(source)), 0.5);

    JsonNode r = caught(forged(source, TinyRuns.STEPS, claimed));

    assertThat(r.get("attestations"))
        .allSatisfy(
            a -> {
              assertThat(a.get("verdict").asText()).isEqualTo("failed");
              assertThat(a.get("reason").asText()).startsWith("source_refused");
            });
  }

  private static ResultSubmit forged(String source, long steps, RunSummary run) {
    return new ResultSubmit(
        TinyRuns.TRACK,
        OptionalLong.empty(),
        OptionalLong.empty(),
        TinyRuns.SEED,
        steps,
        source,
        sha(source),
        run);
  }

  /** Signs with the cheater's key and next nonce, straight to the node. */
  private static long submit(ResultSubmit body) {
    long nonce = ledger.account(mallory).get("next_nonce").asLong();
    return ledger.client.submit(TxCodec.sign(mallory, nonce, body)).index();
  }

  /**
   * Submits the cheat, waits for the verdict and checks the cheat was caught: rejected by
   * disagreeing attestations, nothing minted, the cheater's reputation lowered by the penalty, the
   * best untouched.
   */
  private static JsonNode caught(ResultSubmit cheat) {
    long reputation = ledger.reputation(mallory);
    Optional<JsonNode> bestBefore = ledger.best();
    long id = submit(cheat);
    JsonNode r = ledger.awaitDecided(id, VERDICT);
    verifiers.assertNoneCrashed();
    assertThat(r.get("status").asText()).as("status of result #%d", id).isEqualTo("rejected");
    assertThat(r.get("minted").asLong()).isZero();
    assertThat(r.get("became_best").asBoolean()).isFalse();
    assertThat(r.get("attestations")).hasSizeGreaterThanOrEqualTo(r.get("quorum").asInt());
    assertThat(ledger.balance(mallory)).isZero();
    assertThat(ledger.reputation(mallory))
        .isEqualTo(Math.max(0, reputation - Ledger.POLICY.mismatchPenalty()));
    assertThat(ledger.best()).isEqualTo(bestBefore);
    return r;
  }

  private static RunSummary summary(RunRecord record, String source) {
    return Publication.of(record, source, OptionalLong.empty(), OptionalLong.empty()).run();
  }

  private static RunSummary withValBpb(RunSummary s, double valBpb) {
    return new RunSummary(
        valBpb,
        s.flops(),
        s.tokens(),
        s.finalParamHash(),
        s.segmentHashes(),
        s.wallSeconds(),
        s.hardwareClass(),
        s.device(),
        s.libtorch(),
        s.dtype(),
        s.threads(),
        s.trainLoss());
  }

  private static RunSummary withParams(RunSummary s, Hash params) {
    return new RunSummary(
        s.valBpb(),
        s.flops(),
        s.tokens(),
        params,
        List.of(),
        s.wallSeconds(),
        s.hardwareClass(),
        s.device(),
        s.libtorch(),
        s.dtype(),
        s.threads(),
        s.trainLoss());
  }

  private static Hash sha(String text) {
    return Hash.sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}
