package dev.swarmledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.Contributor;
import dev.swarmledger.contributor.Publication;
import dev.swarmledger.protocol.api.ClaimFilter;
import dev.swarmledger.protocol.api.ClaimsPageJson;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes and outages with real processes: a verifier process SIGKILLed while it re-runs a job, the
 * node process SIGKILLed while a contributor trains, and a contributor that cannot reach the node.
 * After each, no result is lost, none is published twice, no verifier attests twice, and the log
 * audits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsE2ETest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration VERDICT = Duration.ofMinutes(4);

  @TempDir static Path dir;

  private static SwarmProcess node;
  private static int port;
  private static Ledger ledger;
  private static SigningKey vic;
  private static SigningKey vera;
  private static SigningKey cora;
  private static SwarmProcess vicProcess;
  private static VerifierThreads inProcess;

  @BeforeAll
  static void swarm() {
    node = startNode("node", "127.0.0.1:0");
    String url = node.find(Pattern.compile("node listening on (\\S+)")).orElseThrow().group(1);
    port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    ledger = new Ledger(url, KeyFiles.read(dir.resolve("node/operator.key")), dir.resolve("keys"));
    vic = ledger.verifier("vic", Ledger.CPU);
    vera = ledger.verifier("vera", Ledger.CPU);
    cora = ledger.register("cora");
    vicProcess = startVic("vic");
    inProcess = new VerifierThreads();
    inProcess.start("vera", url, vera, TinyRuns.STANDARD, dir.resolve("state/vera"));
  }

  @AfterAll
  static void shutDown() throws InterruptedException {
    if (inProcess != null) {
      inProcess.close();
    }
    if (vicProcess != null) {
      vicProcess.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void aVerifierKilledMidJobResumesAfterRestartAndAttestsExactlyOnce() {
    RunRecord run = TinyRuns.train(TinyRuns.STANDARD, TinyRuns.baseline());
    long id =
        new AccountSession(ledger.client, cora)
            .submit(
                Publication.of(
                    run, TinyRuns.baseline(), OptionalLong.empty(), OptionalLong.empty()))
            .index();
    assertThat(assigned(id)).contains(vic.publicKey().hex());

    vicProcess.awaitLine(Pattern.compile("re-running result #" + id + " "), VERDICT);
    Path lease = dir.resolve("state/vic/lease-" + id);
    assertThat(lease).exists();
    vicProcess.kill();
    assertThat(Ledger.attestationsBy(ledger.result(id), vic)).isEmpty();

    vicProcess = startVic("vic-restarted");
    vicProcess.awaitLine(Pattern.compile("resuming result #" + id + " "), VERDICT);
    JsonNode r = ledger.awaitDecided(id, VERDICT);

    assertThat(r.get("status").asText()).isEqualTo("verified");
    assertThat(Ledger.attestationsBy(r, vic))
        .singleElement()
        .satisfies(a -> assertThat(a.get("verdict").asText()).isEqualTo("exact"));
    assertThat(Ledger.attestationsBy(r, vera)).hasSize(1);
    Await.until("the lease to be cleared", Duration.ofSeconds(30), () -> !Files.exists(lease));
    assertThat(ledger.balance(vic)).isEqualTo(Credits.forFlops(run.flops()));
    assertThat(ledger.reputation(vic))
        .isEqualTo(Ledger.POLICY.initialReputation() + Ledger.POLICY.agreementReward());
  }

  @Test
  @Order(2)
  void theNodeKilledWhileTheContributorTrainsAndWhileItAwaitsTheVerdictLosesNothing()
      throws Exception {
    String source = TinyRuns.noted(TinyRuns.baseline(), "published across node crashes");
    List<String> said = new CopyOnWriteArrayList<>();
    Contributor contributor =
        contributor(
            ledger.url(),
            line -> {
              said.add(line);
              System.out.println("[cora] " + line);
            });
    CountDownLatch training = new CountDownLatch(1);
    CountDownLatch nodeBack = new CountDownLatch(1);
    ProgressListener progress =
        new ProgressListener() {
          @Override
          public void phase(String name) {
            if (name.equals("train")) {
              training.countDown();
            }
            if (name.equals("evaluate")) {
              // Trained, not yet scored: hold the run here until the node is back, so that the
              // publication goes out online (the offline outbox has its own test).
              await(nodeBack);
            }
          }
        };
    Duration wait = Duration.ofMinutes(4);
    CompletableFuture<Contributor.Outcome> cycle =
        CompletableFuture.supplyAsync(() -> contributor.cycle(cycle(source, wait), progress));
    assertThat(training.await(2, TimeUnit.MINUTES)).as("training started").isTrue();

    node.kill();
    node = startNode("node-restarted", "127.0.0.1:" + port);
    nodeBack.countDown();

    // Published: now the node dies again while the contributor waits for the verdict.
    Await.until(
        "the contributor to publish",
        Duration.ofMinutes(2),
        () -> said.stream().anyMatch(l -> l.startsWith("publish: result #")));
    node.kill();
    Await.until(
        "the contributor to notice the outage while it waits for the verdict",
        Duration.ofMinutes(1),
        () ->
            cycle.isDone() || said.stream().anyMatch(l -> l.startsWith("wait: node unreachable")));
    assertThat(cycle).as("the cycle outlives an outage after publishing").isNotDone();
    node = startNode("node-restarted-again", "127.0.0.1:" + port);

    Contributor.Outcome o = cycle.get(5, TimeUnit.MINUTES);
    assertThat(o.status()).isEqualTo(Contributor.Status.VERIFIED);
    assertThat(contributor.queued()).isZero();
    assertThat(contributor.flush()).isZero();

    JsonNode r = ledger.awaitDecided(publishedOnce(source), VERDICT);
    assertThat(r.get("status").asText()).isEqualTo("verified");
    assertThat(r.get("minted").asLong()).isPositive();
    // The claim made before the crash survived it and is the one the result fulfils.
    assertThat(r.has("claim")).isTrue();
    JsonNode claims =
        ClaimsPageJson.encode(
            ledger.client.claims(
                ClaimFilter.all().account(cora.publicKey()).track(TinyRuns.TRACK)));
    assertThat(claims.get("claims"))
        .filteredOn(c -> c.get("id").asLong() == r.get("claim").asLong())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.get("status").asText()).isEqualTo("fulfilled");
              assertThat(c.get("source_sha256").asText()).isEqualTo(sha(source));
            });
  }

  @Test
  @Order(3)
  void aContributorOfflineQueuesItsResultAndPublishesItOnceWhenBack() throws Exception {
    String source = TinyRuns.noted(TinyRuns.baseline(), "trained while offline");
    long size = ledger.logSize();
    Contributor offline = contributor("http://127.0.0.1:" + unusedPort());

    Contributor.Outcome o = offline.cycle(cycle(source, Duration.ZERO), ProgressListener.NONE);

    assertThat(o.status()).isEqualTo(Contributor.Status.QUEUED_OFFLINE);
    assertThat(o.run()).isPresent();
    assertThat(offline.queued()).isEqualTo(1);
    assertThat(ledger.logSize()).isEqualTo(size);

    // Back online: the same key and the same outbox on disk, now reaching the node.
    Contributor online = contributor(ledger.url());
    assertThat(online.queued()).isEqualTo(1);
    assertThat(online.flush()).isEqualTo(1);
    assertThat(online.flush()).isZero();
    assertThat(online.queued()).isZero();

    JsonNode r = ledger.awaitDecided(publishedOnce(source), VERDICT);
    assertThat(r.get("status").asText()).isEqualTo("verified");
    assertThat(r.get("val_bpb").asDouble()).isEqualTo(o.run().orElseThrow().valBpb());
    assertThat(r.get("minted").asLong()).isPositive();
  }

  @Test
  @Order(4)
  void afterTheFaultsNothingIsDuplicatedAndTheLogAudits() throws Exception {
    inProcess.assertNoneCrashed();
    List<JsonNode> results = ledger.results(cora);
    Set<String> sources = new HashSet<>();
    for (JsonNode r : results) {
      assertThat(sources.add(r.get("source_sha256").asText()))
          .as("result #%d published once", r.get("id").asLong())
          .isTrue();
      JsonNode full = ledger.result(r.get("id").asLong());
      assertThat(full.get("status").asText()).isEqualTo("verified");
      Set<String> verifiers = new HashSet<>();
      for (JsonNode a : full.get("attestations")) {
        assertThat(verifiers.add(a.get("verifier").asText())).isTrue();
      }
    }
    assertThat(ledger.audit().checkpoint().size()).isEqualTo(ledger.logSize());
  }

  // ---- set-up ----

  private static SwarmProcess startNode(String name, String listen) {
    SwarmProcess p =
        SwarmProcess.start(
            name, "node", "--data", dir.resolve("node").toString(), "--listen", listen);
    p.awaitLine(Pattern.compile("node listening on (\\S+)"), START);
    return p;
  }

  private static SwarmProcess startVic(String name) {
    SwarmProcess p =
        SwarmProcess.start(
            name,
            "verifier",
            "--node",
            ledger.url(),
            "--key",
            ledger.keyFile("vic").toString(),
            "--state",
            dir.resolve("state/vic").toString(),
            "--poll-seconds",
            "1");
    p.awaitLine(Pattern.compile("^verifier [0-9a-f]{64} polling"), START);
    return p;
  }

  private static Contributor contributor(String url) {
    return contributor(url, line -> System.out.println("[cora] " + line));
  }

  private static Contributor contributor(String url, Consumer<String> log) {
    return new Contributor(
        new LedgerClient(url), cora, TinyRuns.STANDARD, dir.resolve("state/cora"), log);
  }

  private static Contributor.Cycle cycle(String source, Duration waitForVerdict) {
    return new Contributor.Cycle(
        TinyRuns.TRACK,
        source,
        source.lines().skip(1).findFirst().orElseThrow().replaceFirst("^// ", ""),
        TinyRuns.SEED,
        Budget.steps(TinyRuns.STEPS),
        waitForVerdict,
        TinyRuns.THREADS);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(2, TimeUnit.MINUTES)) {
        throw new AssertionError("timed out waiting in the contributor's run");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static List<String> assigned(long id) {
    List<String> out = new ArrayList<>();
    ledger.result(id).get("assigned").forEach(v -> out.add(v.asText()));
    return out;
  }

  private static String sha(String source) {
    return Hash.sha256(source.getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** The id of the one result of {@code source} on the ledger; fails if there are more or none. */
  private static long publishedOnce(String source) {
    String sha = sha(source);
    List<JsonNode> matching =
        ledger.results(cora).stream()
            .filter(r -> r.get("source_sha256").asText().equals(sha))
            .toList();
    assertThat(matching).as("results of the source").hasSize(1);
    return matching.get(0).get("id").asLong();
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
