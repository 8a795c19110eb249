package dev.swarmledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.state.Credits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop as users run it, every role its own {@code swarm} process over real HTTP: a node,
 * two verifiers, a contributor who publishes the tiny baseline and then an improvement, and an
 * auditor. Both results are verified by two real re-runs, the best moves to the improvement,
 * credits are minted to the contributor and the verifiers, and {@code swarm audit} passes.
 */
class HonestPathE2ETest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration CYCLE = Duration.ofMinutes(6);

  @TempDir Path dir;

  @Test
  void baselineThenImprovementAreVerifiedCreditedAndAudited() throws Exception {
    String improvedId;
    try (SwarmProcess node =
        SwarmProcess.start(
            "node", "node", "--data", dir.resolve("node").toString(), "--listen", "127.0.0.1:0")) {
      String url = node.awaitLine(Pattern.compile("node listening on (\\S+)"), START).group(1);
      Ledger ledger =
          new Ledger(url, KeyFiles.read(dir.resolve("node/operator.key")), dir.resolve("keys"));
      SigningKey vera = ledger.verifier("vera", Ledger.CPU);
      SigningKey victor = ledger.verifier("victor", Ledger.CPU);
      SigningKey alice = ledger.register("alice");

      try (SwarmProcess veraProcess = verifier(ledger, "vera");
          SwarmProcess victorProcess = verifier(ledger, "victor")) {
        for (SwarmProcess v : List.of(veraProcess, victorProcess)) {
          v.awaitLine(Pattern.compile("^verifier [0-9a-f]{64} polling"), START);
        }
        JsonNode baseline =
            contribute(ledger, alice, "TinyBaseline.java", "the tiny baseline as it is");
        assertThat(ledger.best().orElseThrow().get("result").asLong())
            .isEqualTo(baseline.get("id").asLong());
        JsonNode improved =
            contribute(ledger, alice, "TinyImproved.java", "five times the AdamW learning rate");
        improvedId = improved.get("id").asText();
        veraProcess.stop();
        victorProcess.stop();

        TrackFigures track = TrackFigures.of(ledger);
        assertThat(improved.get("val_bpb").asDouble())
            .isLessThanOrEqualTo(baseline.get("val_bpb").asDouble() - track.minImprovement());
        JsonNode best = ledger.best().orElseThrow();
        assertThat(best.get("result").asLong()).isEqualTo(improved.get("id").asLong());
        assertThat(best.get("val_bpb").asDouble()).isEqualTo(improved.get("val_bpb").asDouble());

        List<JsonNode> published = ledger.results(alice);
        assertThat(published).hasSize(2);
        long bonus = Ledger.POLICY.newBestBonusMicro();
        long expectedContributor = 0;
        long expectedVerifier = 0;
        for (JsonNode r : List.of(baseline, improved)) {
          long micro = Credits.forFlops(r.at("/run/flops").asLong());
          assertThat(micro).isPositive();
          assertThat(r.get("minted").asLong()).isEqualTo(micro + bonus);
          expectedContributor += micro + bonus;
          expectedVerifier += micro;
        }
        assertThat(ledger.balance(alice)).isEqualTo(expectedContributor);
        assertThat(ledger.account(alice).get("earned").asLong()).isEqualTo(expectedContributor);
        for (SigningKey v : List.of(vera, victor)) {
          assertThat(ledger.balance(v)).isEqualTo(expectedVerifier);
          // Two agreeing attestations, each worth the policy's reward.
          assertThat(ledger.reputation(v))
              .isEqualTo(Ledger.POLICY.initialReputation() + 2 * Ledger.POLICY.agreementReward());
        }
      }

      try (SwarmProcess audit =
          SwarmProcess.start(
              "audit", "audit", "--node", url, "--state", dir.resolve("audit").toString())) {
        assertThat(audit.awaitExit(Duration.ofMinutes(2))).isZero();
        assertThat(audit.find(Pattern.compile("^OK: audit passed at size \\d+"))).isPresent();
      }
      assertThat(ledger.audit().checkpoint().size()).isEqualTo(ledger.logSize());

      // Anyone can re-run a claimed improvement on their own machine: the same re-run the
      // verifiers signed, reached from the command line.
      try (SwarmProcess reRun =
          SwarmProcess.start("audit-result", "audit", "result", improvedId, "--node", url)) {
        assertThat(reRun.awaitExit(Duration.ofMinutes(3))).isZero();
        assertThat(reRun.find(Pattern.compile("^verdict: exact"))).isPresent();
      }
    }
  }

  private SwarmProcess verifier(Ledger ledger, String name) {
    return SwarmProcess.start(
        name,
        "verifier",
        "--node",
        ledger.url(),
        "--key",
        ledger.keyFile(name).toString(),
        "--state",
        dir.resolve("state/" + name).toString(),
        "--poll-seconds",
        "1");
  }

  /**
   * {@code swarm contribute} on one source: THINK, CLAIM, RUN, PUBLISH and wait for the verdict;
   * returns the result, which must be verified by two exact re-runs and be the new best.
   */
  private JsonNode contribute(Ledger ledger, SigningKey alice, String resource, String description)
      throws Exception {
    Path source = Files.writeString(dir.resolve(resource), TinyRuns.resource(resource));
    try (SwarmProcess c =
        SwarmProcess.start(
            "alice",
            "contribute",
            "--node",
            ledger.url(),
            "--key",
            ledger.keyFile("alice").toString(),
            "--state",
            dir.resolve("state/alice").toString(),
            "--steps",
            String.valueOf(TinyRuns.STEPS),
            "--seed",
            String.valueOf(TinyRuns.SEED),
            "--threads",
            String.valueOf(TinyRuns.THREADS),
            "--wait-minutes",
            "5",
            "--description",
            description,
            source.toString())) {
      assertThat(c.awaitExit(CYCLE)).as("swarm contribute exit code").isZero();
      long id =
          Long.parseLong(
              c.find(Pattern.compile("^publish: result #(\\d+)")).orElseThrow().group(1));
      assertThat(c.find(Pattern.compile("^cycle 1: VERIFIED"))).isPresent();
      JsonNode r = ledger.result(id);
      assertThat(r.get("account").asText()).isEqualTo(alice.publicKey().hex());
      assertThat(r.get("status").asText()).isEqualTo("verified");
      assertThat(r.get("became_best").asBoolean()).isTrue();
      assertThat(r.get("quorum").asInt()).isEqualTo(2);
      assertThat(r.has("claim")).as("the contributor claimed before running").isTrue();
      assertThat(r.get("attestations"))
          .hasSize(2)
          .allSatisfy(a -> assertThat(a.get("verdict").asText()).isEqualTo("exact"));
      return r;
    }
  }

  /** The track's numbers as the node serves them. */
  private record TrackFigures(double minImprovement) {
    static TrackFigures of(Ledger ledger) {
      return ledger
          .client
          .track(TinyRuns.TRACK)
          .map(t -> new TrackFigures(t.spec().minImprovement()))
          .orElseThrow(() -> new AssertionError("node does not serve track " + TinyRuns.TRACK));
    }
  }
}
