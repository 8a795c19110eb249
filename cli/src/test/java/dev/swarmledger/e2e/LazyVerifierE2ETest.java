package dev.swarmledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.contributor.Publication;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.tx.TxCodec;
import dev.swarmledger.trainer.run.RunRecord;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verifier that attests without running (a made-up parameter hash) on an honest candidate best is
 * outvoted by two honest verifiers that really re-ran it: the result is verified and becomes the
 * best, the honest verifiers are paid, the lazy one earns nothing and loses reputation.
 */
class LazyVerifierE2ETest {
  @TempDir Path dir;

  @Test
  void aVerifierThatAttestsWithoutRunningIsOutvotedAndLosesReputation() throws Exception {
    SigningKey operator = SigningKey.generate(new SecureRandom());
    try (LedgerNode node =
            LedgerNode.start(
                NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", 0, operator));
        VerifierThreads honestVerifiers = new VerifierThreads()) {
      Ledger ledger = new Ledger(node.url(), operator, dir.resolve("keys"));
      // Classes are measured, so all three share this machine's. Only lou and vera are verifiers
      // when the result comes in, so the lazy one is surely among the first two assigned; victor,
      // granted after the split vote, breaks the tie.
      SigningKey lou = ledger.verifier("lou", Ledger.CPU);
      SigningKey vera = ledger.verifier("vera", Ledger.CPU);
      SigningKey victor = ledger.register("victor");
      SigningKey carol = ledger.register("carol");
      honestVerifiers.start("vera", node.url(), vera, TinyRuns.QUICK, dir.resolve("state/vera"));
      honestVerifiers.start(
          "victor", node.url(), victor, TinyRuns.QUICK, dir.resolve("state/victor"));

      RunRecord run = TinyRuns.train(TinyRuns.QUICK, TinyRuns.baseline());
      ResultSubmit body =
          Publication.of(run, TinyRuns.baseline(), OptionalLong.empty(), OptionalLong.empty());
      long id = new AccountSession(ledger.client, carol).submit(body).index();
      assertThat(ledger.result(id).get("candidate_best").asBoolean()).isTrue();
      assertThat(ledger.work(lou)).contains(id);

      // Attests at once, with a parameter hash it never computed.
      byte[] made = new byte[32];
      new SecureRandom().nextBytes(made);
      AttestationSubmit lazy =
          new AttestationSubmit(
              id,
              Verdict.MISMATCH,
              body.run().valBpb(),
              body.run().flops(),
              Hash.of(made),
              List.of(),
              0.1,
              Ledger.CPU,
              Optional.of("parameters differ"));
      long nonce = ledger.account(lou).get("next_nonce").asLong();
      ledger.client.submit(TxCodec.sign(lou, nonce, lazy));
      Await.until(
          "vera's re-run",
          Duration.ofMinutes(4),
          () -> !Ledger.attestationsBy(ledger.result(id), vera).isEmpty());
      ledger.grant(victor, Ledger.CPU);

      JsonNode r = ledger.awaitDecided(id, Duration.ofMinutes(4));
      honestVerifiers.assertNoneCrashed();

      assertThat(r.get("status").asText()).isEqualTo("verified");
      assertThat(r.get("became_best").asBoolean()).isTrue();
      assertThat(Ledger.attestationsBy(r, lou))
          .singleElement()
          .satisfies(a -> assertThat(a.get("verdict").asText()).isEqualTo("mismatch"));
      for (SigningKey honest : List.of(vera, victor)) {
        assertThat(Ledger.attestationsBy(r, honest))
            .singleElement()
            .satisfies(
                a -> {
                  assertThat(a.get("verdict").asText()).isEqualTo("exact");
                  assertThat(a.get("final_param_hash").asText()).isEqualTo(run.finalParamHash());
                });
      }
      long flopsMicro = Credits.forFlops(run.flops());
      assertThat(flopsMicro).isPositive();
      assertThat(r.get("minted").asLong())
          .isEqualTo(flopsMicro + Ledger.POLICY.newBestBonusMicro());
      assertThat(ledger.balance(carol)).isEqualTo(r.get("minted").asLong());
      assertThat(ledger.balance(vera)).isEqualTo(flopsMicro);
      assertThat(ledger.balance(victor)).isEqualTo(flopsMicro);
      long agreed = Ledger.POLICY.initialReputation() + Ledger.POLICY.agreementReward();
      assertThat(ledger.reputation(vera)).isEqualTo(agreed);
      assertThat(ledger.reputation(victor)).isEqualTo(agreed);
      assertThat(ledger.balance(lou)).isZero();
      assertThat(ledger.reputation(lou))
          .isEqualTo(Ledger.POLICY.initialReputation() - Ledger.POLICY.mismatchPenalty());
      assertThat(ledger.best().orElseThrow().get("result").asLong()).isEqualTo(id);
      assertThat(ledger.audit().checkpoint().size()).isEqualTo(ledger.logSize());
    }
  }
}
