package dev.swarmledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.Contributor;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobSettlement;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.run.Budget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spending credits end to end, with real processes: a contributor earns credits and publishes a
 * model (its weights reproduced by two verifiers), spends them on an inference job through {@code
 * swarm job create}, a {@code swarm worker} process leases and runs it in the sandbox, a verifier
 * re-runs it, and the escrow settles; then a cheating worker caught by the re-run, a worker killed
 * mid-job whose lease expires, the node restarted while a worker holds a job, a cancel racing a
 * lease, and a job the spender cannot afford. Every scenario ends with a full audit, which replays
 * jobs and escrow and compares them with the node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsE2ETest {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration WITHIN = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 100 credits per 10^15 FLOPs: a tiny model's inference costs a visible amount. */
  private static final long PRICE = 100_000_000;

  private static final long MAX = 1_000_000;

  @TempDir static Path dir;

  private static ManualClock clock;
  private static SigningKey operator;
  private static int port;
  private static LedgerNode node;
  private static Ledger ledger;
  private static VerifierThreads verifiers;
  private static SigningKey alice;
  private static SigningKey walt;
  private static SigningKey wes;
  private static SigningKey mallory;
  private static long model;

  @BeforeAll
  static void swarm() throws IOException {
    operator = SigningKey.generate(new SecureRandom());
    clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    node = startNode();
    ledger = new Ledger(node.url(), operator, dir.resolve("keys"));
    SigningKey vera = ledger.verifier("vera", Ledger.CPU);
    SigningKey vic = ledger.verifier("vic", Ledger.CPU);
    alice = ledger.register("alice");
    walt = worker("walt");
    wes = worker("wes");
    mallory = worker("mallory");
    verifiers = new VerifierThreads();
    verifiers.start("vera", node.url(), vera, TinyRuns.STANDARD, dir.resolve("state/vera"));
    verifiers.start("vic", node.url(), vic, TinyRuns.STANDARD, dir.resolve("state/vic"));
    // Earn: alice's run is verified by both, who keep the same weights file: a published model.
    Contributor contributor =
        new Contributor(
            ledger.client,
            alice,
            TinyRuns.STANDARD,
            dir.resolve("state/alice"),
            line -> System.out.println("[alice] " + line));
    Contributor.Outcome earned =
        contributor.cycle(
            new Contributor.Cycle(
                TinyRuns.TRACK,
                TinyRuns.baseline(),
                "the tiny baseline, kept as a model",
                TinyRuns.SEED,
                Budget.steps(TinyRuns.STEPS),
                WITHIN,
                TinyRuns.THREADS),
            ProgressListener.NONE);
    assertThat(earned.status()).isEqualTo(Contributor.Status.VERIFIED);
    model = earned.result().getAsLong();
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
    long escrowed = 0;
    for (SigningKey k : List.of(alice, walt, wes, mallory)) {
      escrowed += account(k).escrowed();
    }
    long open =
        ledger.client.jobs(dev.swarmledger.protocol.api.JobFilter.all().limit(500)).stream()
            .filter(v -> !v.job().status().ended())
            .mapToLong(v -> v.job().maxMicro())
            .sum();
    assertThat(escrowed).isEqualTo(open);
  }

  @Test
  @Order(1)
  void theContributorsModelIsPublishedWithWeightsTheNodeServes() throws IOException {
    ResultView r = ledger.client.result(model).orElseThrow();
    Hash weights = r.publishedModel().orElseThrow();
    assertThat(r.run().weightsSha256()).contains(weights);
    assertThat(r.attestations()).allSatisfy(a -> assertThat(a.weightsSha256()).contains(weights));
    Path copy = dir.resolve("downloaded-weights.bin");
    Await.until("the weights to be uploaded", WITHIN, () -> ledger.client.getBlob(weights, copy));
    assertThat(Hash.sha256(Files.readAllBytes(copy))).isEqualTo(weights);
  }

  @Test
  @Order(2)
  void earnEscrowLeaseRunCompleteVerifySettleWithRealProcesses() throws Exception {
    long aliceBefore = account(alice).balance();
    SwarmProcess create =
        swarm(
            "create",
            "job",
            "create",
            "--node",
            ledger.url(),
            "--key",
            ledger.keyFile("alice").toString(),
            "--infer",
            Long.toString(model),
            "--prompt",
            "ROMEO:",
            "--bytes",
            "48",
            "--price",
            "100",
            "--max-credits",
            "1",
            "--json");
    assertThat(create.awaitExit(START)).isZero();
    long id = JSON.readTree(String.join("\n", create.lines())).get("job").asLong();
    assertThat(account(alice).escrowed()).isEqualTo(MAX);
    assertThat(account(alice).balance()).isEqualTo(aliceBefore - MAX);

    SwarmProcess worker = workerProcess("walt", "--once");
    assertThat(worker.awaitExit(WITHIN)).isZero();
    Job completed = job(id);
    assertThat(completed.completion()).isPresent();
    assertThat(completed.completion().get().worker()).isEqualTo(walt.publicKey());
    assertThat(completed.completion().get().sampled()).isTrue(); // walt is not trusted yet

    Job settled = awaitEnded(id);
    assertThat(settled.status()).isEqualTo(Job.Status.SETTLED);
    Job.Settlement s = settled.settlement().orElseThrow();
    long flops = settled.completion().get().output().flops();
    long pay = Math.min(JobSettlement.cost(flops, PRICE), MAX);
    assertThat(s.paidMicro()).isEqualTo(pay).isPositive();
    assertThat(s.feeMicro()).isEqualTo(JobSettlement.fee(pay, 10, MAX - pay));
    assertThat(s.refundMicro()).isEqualTo(MAX - pay - s.feeMicro());
    assertThat(account(alice).balance()).isEqualTo(aliceBefore - pay - s.feeMicro());
    assertThat(account(alice).escrowed()).isZero();
    assertThat(account(walt).balance()).isEqualTo(pay);
    assertThat(account(walt).jobsAgreed()).isEqualTo(1);

    Path out = dir.resolve("job-" + id);
    SwarmProcess show =
        swarm(
            "show",
            "job",
            "show",
            Long.toString(id),
            "--node",
            ledger.url(),
            "--wait",
            "--out",
            out.toString(),
            "--json");
    assertThat(show.awaitExit(START)).isZero();
    JsonNode shown = JSON.readTree(String.join("\n", show.lines()));
    Path file = Path.of(shown.get("output_file").asText());
    byte[] generated = Files.readAllBytes(file);
    assertThat(generated).hasSize(48);
    assertThat(Hash.sha256(generated)).isEqualTo(settled.completion().get().output().blob());
    assertThat(shown.get("generated").asText())
        .isEqualTo(new String(generated, StandardCharsets.UTF_8));
  }

  @Test
  @Order(3)
  void aCompletionTheVerifierCannotReproduceIsPaidNothingAndTheJobIsOfferedAgain() {
    long id = create(alice, generate("JULIET:", 16));
    submit(mallory, new JobLease(id));
    // mallory completes without running anything: an invented output and FLOP count.
    submit(
        mallory,
        new JobComplete(
            id,
            Ledger.CPU,
            new JobOutput.Inferred(Hash.sha256(new byte[] {1, 2, 3}), 5_000_000_000L, 0.1)));
    Await.until(
        "the mismatch to reopen the job",
        WITHIN,
        () -> job(id).status() == Job.Status.OPEN && !job(id).history().isEmpty());
    Job reopened = job(id);
    assertThat(reopened.history())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Job.EventKind.MISMATCH);
              assertThat(e.account()).isEqualTo(mallory.publicKey());
            });
    assertThat(account(mallory).balance()).isZero();
    assertThat(account(mallory).reputation())
        .isEqualTo(Ledger.POLICY.initialReputation() - Ledger.POLICY.mismatchPenalty());
    assertThat(refusal(mallory, new JobLease(id))).isEqualTo(ErrorCode.JOB_NOT_OPEN);

    SwarmProcess worker = workerProcess("walt", "--once");
    assertThat(worker.awaitExit(WITHIN)).isZero();
    Job settled = awaitEnded(id);
    assertThat(settled.status()).isEqualTo(Job.Status.SETTLED);
    assertThat(settled.settlement().orElseThrow().worker()).contains(walt.publicKey());
    assertThat(account(mallory).balance()).isZero();
  }

  @Test
  @Order(4)
  void aWorkerKilledMidJobLosesItsLeaseAndTheJobIsPaidOnceToWhoeverFinishesIt() {
    long budget = 2_000_000_000L;
    String source = TinyRuns.noted(TinyRuns.baseline(), "trained for a spender");
    long id =
        create(
            alice,
            new TrainSpec(
                TinyRuns.TRACK,
                source,
                Hash.sha256(source.getBytes(StandardCharsets.UTF_8)),
                OptionalLong.empty(),
                TinyRuns.SEED,
                budget));
    long waltBefore = account(walt).balance();
    SwarmProcess doomed = workerProcess("walt-doomed");
    doomed.awaitLine(Pattern.compile("leased job #" + id + " "), WITHIN);
    doomed.kill();
    assertThat(job(id).status()).isEqualTo(Job.Status.RUNNING);

    clock.advance(Duration.ofSeconds(Ledger.POLICY.leaseSeconds() + 1));
    SwarmProcess other = workerProcess("wes", "--once");
    assertThat(other.awaitExit(WITHIN)).isZero();
    Job settled = awaitEnded(id);

    assertThat(settled.status()).isEqualTo(Job.Status.SETTLED);
    assertThat(settled.history())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(Job.EventKind.LEASE_EXPIRED);
              assertThat(e.account()).isEqualTo(walt.publicKey());
            });
    assertThat(settled.settlement().orElseThrow().worker()).contains(wes.publicKey());
    assertThat(settled.completion().get().output().flops()).isLessThanOrEqualTo(budget);
    assertThat(account(walt).balance()).isEqualTo(waltBefore);
    assertThat(account(wes).balance()).isEqualTo(settled.settlement().get().paidMicro());
    // The spender downloads the trained weights.
    Hash weights = settled.completion().get().output().blob();
    Path copy = dir.resolve("trained.bin");
    Await.until("the weights to be uploaded", WITHIN, () -> ledger.client.getBlob(weights, copy));
  }

  @Test
  @Order(5)
  void theNodeRestartedWhileAWorkerHoldsAJobLosesNothing() {
    long id = create(alice, generate("HAMLET:", 16));
    submit(walt, new JobLease(id));
    node.close();
    node = startNode();
    assertThat(job(id).status()).isEqualTo(Job.Status.RUNNING);
    SwarmProcess worker = workerProcess("walt-after-restart", "--once");
    worker.awaitLine(Pattern.compile("resuming job #" + id + " "), WITHIN);
    assertThat(worker.awaitExit(WITHIN)).isZero();
    Job settled = awaitEnded(id);
    assertThat(settled.status()).isEqualTo(Job.Status.SETTLED);
    assertThat(settled.settlement().orElseThrow().worker()).contains(walt.publicKey());
  }

  @Test
  @Order(6)
  void aCancelRacingALeaseHasExactlyOneWinner() throws Exception {
    for (int round = 0; round < 3; round++) {
      long id = create(alice, generate("KING:", 8));
      long before = account(alice).balance();
      CompletableFuture<Optional<ErrorCode>> cancel =
          CompletableFuture.supplyAsync(() -> attempt(alice, new JobCancel(id)));
      CompletableFuture<Optional<ErrorCode>> lease =
          CompletableFuture.supplyAsync(() -> attempt(wes, new JobLease(id)));
      Optional<ErrorCode> cancelled = cancel.get();
      Optional<ErrorCode> leased = lease.get();
      assertThat(cancelled.isEmpty() ^ leased.isEmpty()).as("exactly one wins").isTrue();
      (cancelled.isEmpty() ? leased : cancelled)
          .ifPresent(code -> assertThat(code).isEqualTo(ErrorCode.JOB_NOT_OPEN));
      Job j = job(id);
      if (cancelled.isEmpty()) {
        assertThat(j.status()).isEqualTo(Job.Status.CANCELLED);
        assertThat(account(alice).balance()).isEqualTo(before + MAX);
      } else {
        assertThat(j.status()).isEqualTo(Job.Status.RUNNING);
        // wes lets it go: its lease runs out and alice takes her escrow back.
        clock.advance(Duration.ofSeconds(Ledger.POLICY.leaseSeconds() + 1));
        submit(alice, new JobCancel(id));
        assertThat(job(id).status()).isEqualTo(Job.Status.CANCELLED);
      }
    }
  }

  @Test
  @Order(7)
  void aJobTheSpenderCannotAffordIsRefusedAndNothingIsEscrowed() {
    AccountView before = account(alice);
    SwarmProcess create =
        swarm(
            "too-dear",
            "job",
            "create",
            "--node",
            ledger.url(),
            "--key",
            ledger.keyFile("alice").toString(),
            "--infer",
            Long.toString(model),
            "--prompt",
            "X",
            "--max-credits",
            Long.toString(before.balance() / 1_000_000 + 1));
    assertThat(create.awaitExit(START)).isNotZero();
    assertThat(String.join("\n", create.lines())).contains("insufficient_credits");
    assertThat(account(alice)).isEqualTo(before);
  }

  // ---- helpers ----

  private static LedgerNode startNode() {
    return LedgerNode.start(
        new NodeConfig(
            Optional.of(dir.resolve("node")),
            "127.0.0.1",
            port,
            operator,
            NodeConfig.DEFAULT_ORIGIN,
            Ledger.POLICY,
            1 << 20,
            1024,
            65536,
            clock));
  }

  private static SigningKey worker(String name) {
    SigningKey k = ledger.register(name);
    new AccountSession(ledger.client, operator).submit(new WorkerGrant(k.publicKey(), Ledger.CPU));
    return k;
  }

  private static SwarmProcess workerProcess(String name, String... extra) {
    String account = name.replaceFirst("-.*", "");
    List<String> args =
        new ArrayList<>(
            List.of(
                "worker",
                "--node",
                ledger.url(),
                "--key",
                ledger.keyFile(account).toString(),
                "--state",
                dir.resolve("state/" + account).toString(),
                "--poll-seconds",
                "1"));
    args.addAll(List.of(extra));
    SwarmProcess p = SwarmProcess.start(name, args.toArray(String[]::new));
    p.awaitLine(Pattern.compile("^worker [0-9a-f]{64} polling"), START);
    return p;
  }

  private static SwarmProcess swarm(String name, String... args) {
    return SwarmProcess.start(name, args);
  }

  private static InferSpec generate(String prompt, int bytes) {
    return new InferSpec(
        model, InferSpec.Mode.GENERATE, prompt.getBytes(StandardCharsets.UTF_8), bytes);
  }

  private static long create(SigningKey spender, dev.swarmledger.protocol.jobs.JobSpec spec) {
    return submit(spender, new JobCreate(spec, PRICE, MAX));
  }

  private static long submit(SigningKey key, TxBody body) {
    return new AccountSession(ledger.client, key).submit(body).index();
  }

  private static Optional<ErrorCode> attempt(SigningKey key, TxBody body) {
    try {
      submit(key, body);
      return Optional.empty();
    } catch (ApiException e) {
      return Optional.of(e.code());
    }
  }

  private static ErrorCode refusal(SigningKey key, TxBody body) {
    return attempt(key, body).orElseThrow(() -> new AssertionError(body.type() + " was accepted"));
  }

  private static AccountView account(SigningKey k) {
    return ledger.client.account(k.publicKey()).orElseThrow();
  }

  private static Job job(long id) {
    return new LedgerClient(ledger.url()).job(id).orElseThrow().job();
  }

  private static Job awaitEnded(long id) {
    Await.until("job #" + id + " to end", WITHIN, () -> job(id).status().ended());
    return job(id);
  }
}
