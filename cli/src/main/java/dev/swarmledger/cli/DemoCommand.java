package dev.swarmledger.cli;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.EventFeed;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.Contributor;
import dev.swarmledger.contributor.JobWorker;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.AttestationView;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.tx.TxCodec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.harness.HardwareClass;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.track.Tracks;
import dev.swarmledger.verifier.VerifierDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm demo}: the whole loop on localhost — a node, two verifiers and a contributor who
 * publishes a baseline and an improved experiment; verification and credits as they happen.
 */
@Command(
    name = "demo",
    description = "Run a node, two verifiers and a contributor on localhost, end to end.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      description = "Folder for the demo's node, keys and state (default ./swarm-demo-<time>).")
  Path data;

  @Option(
      names = "--flops",
      description =
          "Counted training FLOPs per run; both experiments get the same budget (default: the"
              + " shakespeare-char track's, about 90 s of the baseline on 2 cores).")
  Long flops;

  @Option(names = "--port", defaultValue = "0", description = "Node port (default: any free port).")
  int port;

  @Option(names = "--serve", description = "Keep the node running after the demo, until Ctrl-C.")
  boolean serve;

  @Override
  public Integer call() throws Exception {
    Instant start = Instant.now();
    Path dir =
        data != null
            ? data
            : Path.of(
                "swarm-demo-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
      throw new IllegalArgumentException(dir + " is not empty: pass another --data folder");
    }
    Files.createDirectories(dir);
    say("SwarmLedger demo — everything in " + dir.toAbsolutePath());
    SigningKey operator = KeyFiles.create(dir.resolve("keys/operator.key"));
    try (LedgerNode node =
        LedgerNode.start(
            NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", port, operator))) {
      String url = node.url();
      say("node      " + url + "   log key " + node.verifierKey().encode());
      LedgerClient client = new LedgerClient(url);
      // Runs use every processor (RunSpec.of): grant the class such a run records here.
      String hardware = HardwareClass.local(Runtime.getRuntime().availableProcessors());
      SigningKey vera = setupAccount(client, dir, "vera", hardware, operator);
      SigningKey victor = setupAccount(client, dir, "victor", hardware, operator);
      SigningKey alice = setupAccount(client, dir, "alice", null, operator);
      say("accounts  operator; verifiers vera and victor (" + hardware + "); contributor alice");
      try (EventFeed feed = client.events(e -> showEvent(client, e))) {
        List<VerifierDaemon> verifiers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (var v : List.of(new Object[] {"vera", vera}, new Object[] {"victor", victor})) {
          String name = (String) v[0];
          VerifierDaemon d =
              new VerifierDaemon(
                  client,
                  (SigningKey) v[1],
                  trainer(),
                  dir.resolve("state/" + name),
                  line -> say("[" + name + "] " + line.replaceFirst("^verifier: ", "")),
                  id -> ProgressListener.NONE);
          verifiers.add(d);
          Thread t = new Thread(() -> d.run(Duration.ofMillis(500)), "verifier-" + name);
          t.setDaemon(true);
          t.start();
          threads.add(t);
        }
        Contributor contributor =
            new Contributor(
                client,
                alice,
                trainer(),
                dir.resolve("state/alice"),
                line -> say("[alice] " + line));
        String baseline = resource("/experiments/Baseline.java");
        String improved = improvedVersionOf(baseline);
        List<Contributor.Outcome> outcomes = new ArrayList<>();
        for (String source : List.of(baseline, improved)) {
          outcomes.add(
              contributor.cycle(
                  new Contributor.Cycle(
                      "shakespeare-char",
                      source,
                      ContributeCommand.firstComment(source),
                      1,
                      flops != null ? Budget.flops(flops) : Tracks.SHAKESPEARE_CHAR.defaultBudget(),
                      Duration.ofMinutes(20)),
                  ProgressBars.training("alice trains")));
        }
        SigningKey wanda = setupAccount(client, dir, "wanda", null, operator);
        new AccountSession(client, operator).submit(new WorkerGrant(wanda.publicKey(), hardware));
        say("accounts  worker wanda (" + hardware + ") joins to run jobs for credits");
        JobWorker worker =
            new JobWorker(
                client,
                wanda,
                trainer(),
                1,
                dir.resolve("state/wanda"),
                line -> say("[wanda] " + line.replaceFirst("^worker: ", "")),
                id -> ProgressListener.NONE);
        Thread workerThread = new Thread(() -> worker.run(Duration.ofMillis(500)), "worker-wanda");
        workerThread.setDaemon(true);
        workerThread.start();
        threads.add(workerThread);
        List<SigningKey> shown = List.of(alice, vera, victor, wanda);
        Map<String, Long> before = balances(client, shown);
        Optional<Long> job = spend(client, alice);
        verifiers.forEach(VerifierDaemon::stop);
        worker.stop();
        for (Thread t : threads) {
          t.join(60_000);
        }
        summary(client, url, dir, outcomes, shown, start);
        job.ifPresent(id -> finale(client, id, before, shown, dir));
      }
      if (serve) {
        say("the node keeps serving " + url + " — press Ctrl-C to stop");
        Thread.currentThread().join();
      }
    }
    return 0;
  }

  /**
   * The finale's spending: alice pays for an inference job on her best model, which a worker runs
   * and a verifier re-runs; returns the job once it ended (or empty when there is no model).
   */
  private static Optional<Long> spend(LedgerClient client, SigningKey alice) {
    Optional<BestView> best = client.best("shakespeare-char");
    Optional<ResultView> model =
        best.flatMap(b -> client.result(b.result())).filter(r -> r.publishedModel().isPresent());
    if (model.isEmpty()) {
      say("spend     no published model to run inference on: the finale is skipped");
      return Optional.empty();
    }
    long id =
        new AccountSession(client, alice)
            .submit(
                new JobCreate(
                    new InferSpec(
                        model.get().id(),
                        InferSpec.Mode.GENERATE,
                        FINALE_PROMPT.getBytes(StandardCharsets.UTF_8),
                        FINALE_BYTES),
                    FINALE_PRICE_MICRO,
                    FINALE_MAX_MICRO))
            .index();
    say(
        "spend     alice escrows "
            + Credits.format(FINALE_MAX_MICRO)
            + " credits for job #"
            + id
            + ": generate "
            + FINALE_BYTES
            + " bytes after \""
            + FINALE_PROMPT
            + "\" with her best model (result #"
            + model.get().id()
            + ")");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      if (client.job(id).map(v -> v.job().status().ended()).orElse(false)) {
        break;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.of(id);
  }

  private static Map<String, Long> balances(LedgerClient client, List<SigningKey> keys) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (SigningKey k : keys) {
      AccountView a = client.account(k.publicKey()).orElseThrow();
      out.put(a.name(), a.balance());
    }
    return out;
  }

  /** The finale's report: the generated text and the balances the job moved. */
  private static void finale(
      LedgerClient client, long id, Map<String, Long> before, List<SigningKey> keys, Path dir) {
    Job job = client.job(id).orElseThrow().job();
    say("== the finale: credits spent on the swarm ==");
    say("  job #" + id + " " + job.status().wireName());
    job.settlement()
        .ifPresent(
            s ->
                say(
                    "  paid "
                        + Credits.format(s.paidMicro())
                        + " to the worker, "
                        + Credits.format(s.feeMicro())
                        + " to the verifier, refunded "
                        + Credits.format(s.refundMicro())
                        + " of the "
                        + Credits.format(job.maxMicro())
                        + " escrowed"));
    if (job.status() == Job.Status.SETTLED) {
      Path out = dir.resolve("job-" + id + ".txt");
      if (client.getBlob(job.completion().orElseThrow().output().blob(), out)) {
        try {
          say("  generated (" + out + "):");
          say(FINALE_PROMPT + Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
          say("  cannot read " + out + ": " + e.getMessage());
        }
      }
    }
    Map<String, Long> after = balances(client, keys);
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long moved = e.getValue() - before.get(e.getKey());
      say(
          String.format(
              "  %-8s %s%s credits",
              e.getKey(), moved >= 0 ? "+" : "-", Credits.format(Math.abs(moved))));
    }
    say("  show it again: ./swarm job show " + id + " --node " + client.baseUrl());
  }

  private static final String FINALE_PROMPT = "ROMEO:";
  private static final int FINALE_BYTES = 200;

  /** 100 credits per 10^15 FLOPs: a tiny model's inference costs a visible amount. */
  private static final long FINALE_PRICE_MICRO = 100_000_000;

  private static final long FINALE_MAX_MICRO = 1_000_000;

  private static Trainer trainer() {
    return new Trainer(
        TrainerSettings.fromEnvironment(true).withWallTimeLimit(Duration.ofMinutes(10)));
  }

  private static SigningKey setupAccount(
      LedgerClient client, Path dir, String name, String verifierClass, SigningKey operator) {
    SigningKey key = KeyFiles.create(dir.resolve("keys/" + name + ".key"));
    new AccountSession(client, key).submit(new AccountRegister(name));
    if (verifierClass != null) {
      new AccountSession(client, operator)
          .submit(new VerifierGrant(key.publicKey(), verifierClass));
    }
    return key;
  }

  /** One line per event worth narrating; event fields differ by kind (docs/api.md). */
  private static void showEvent(LedgerClient client, EventFeed.Event e) {
    long result = e.integer("result").orElse(-1);
    switch (e.kind()) {
      case "result.submitted" ->
          say(
              String.format(
                  "event     result #%d submitted: val_bpb %.6f%s",
                  result,
                  e.number("val_bpb").orElse(Double.NaN),
                  e.flag("candidate_best") ? " (candidate best: needs 2 verifiers)" : ""));
      case "work.assigned" ->
          say("event     result #" + result + " assigned to " + name(client, e.text("verifier")));
      case "attestation.submitted" ->
          say(
              String.format(
                  "event     %s attests result #%d: %s",
                  name(client, e.text("verifier")), result, e.text("verdict").orElse("?")));
      case "result.verified", "result.rejected" ->
          say(
              "event     result #"
                  + result
                  + " "
                  + e.kind().substring(7)
                  + (e.integer("minted").isPresent()
                      ? ", minted " + Credits.format(e.integer("minted").getAsLong()) + " credits"
                      : ""));
      case "best.updated" ->
          say(
              String.format(
                  "event     ★ new best on %s: val_bpb %.6f (result #%d)",
                  e.text("track").orElse("?"), e.number("val_bpb").orElse(Double.NaN), result));
      case "credits.minted" ->
          say(
              "event     +"
                  + Credits.format(e.integer("amount").orElse(0))
                  + " credits to "
                  + name(client, e.text("account"))
                  + " for "
                  + e.text("for").orElse("?"));
      case "job.created",
          "job.leased",
          "job.completed",
          "job.assigned",
          "job.attested",
          "job.settled" ->
          say(
              "event     job #"
                  + e.integer("job").orElse(-1)
                  + " "
                  + e.kind().substring(4)
                  + e.text("worker").map(w -> " by " + name(client, Optional.of(w))).orElse("")
                  + e.text("verifier").map(v -> " to " + name(client, Optional.of(v))).orElse("")
                  + e.text("verdict").map(v -> ": " + v).orElse("")
                  + (e.integer("paid").isPresent()
                      ? ": worker paid " + Credits.format(e.integer("paid").getAsLong())
                      : ""));
      default -> {}
    }
  }

  private static String name(LedgerClient client, Optional<String> account) {
    return account
        .map(a -> ThinkCommand.name(client, new HashMap<>(), TxCodec.accountId(a, "account")))
        .orElse("?");
  }

  private static void summary(
      LedgerClient client,
      String url,
      Path dir,
      List<Contributor.Outcome> outcomes,
      List<SigningKey> keys,
      Instant start) {
    say("");
    say("== summary ==");
    double contributorSeconds = 0;
    double verifierSeconds = 0;
    for (Contributor.Outcome o : outcomes) {
      say("  " + o.status() + ": " + o.message());
      if (o.result().isPresent()) {
        ResultView r = client.result(o.result().getAsLong()).orElseThrow();
        contributorSeconds += r.run().wallSeconds();
        for (AttestationView a : r.attestations()) {
          verifierSeconds += a.wallSeconds();
        }
        if (r.decided().isPresent()) {
          say(
              String.format(
                  "    publish → %s in %.1f s",
                  r.status().wireName(),
                  Duration.between(r.submitted(), r.decided().get()).toMillis() / 1000.0));
        }
      }
    }
    client
        .best("shakespeare-char")
        .ifPresent(
            best ->
                say(
                    String.format(
                        "  best val_bpb %.6f (result #%d)", best.valBpb(), best.result())));
    for (SigningKey k : keys) {
      AccountView a = client.account(k.publicKey()).orElseThrow();
      say(
          String.format(
              "  %-8s balance %s credits, reputation %d",
              a.name(), Credits.format(a.balance()), a.reputation()));
    }
    if (contributorSeconds > 0) {
      say(
          String.format(
              "  verification overhead: %.2f× (verifier training seconds ÷ contributor training seconds)",
              verifierSeconds / contributorSeconds));
    }
    say(
        String.format(
            "  demo wall time: %.0f s",
            Duration.between(start, Instant.now()).toMillis() / 1000.0));
    say("");
    say("where to look:");
    say("  dashboard      " + url + "/");
    say("  think          ./swarm think --node " + url);
    say("  audit          ./swarm audit --node " + url);
    say(
        "  after the demo ./swarm node --data "
            + dir.resolve("node")
            + " --operator-key "
            + dir.resolve("keys/operator.key")
            + " --listen 127.0.0.1:8080   (the log survives; re-serve it)");
  }

  /**
   * The demo's improvement inside the same FLOP budget: half the rows per step, so the budget buys
   * twice the optimisation steps (val_bpb 2.5717 against the baseline's 2.7005 at 5.0e12 FLOPs,
   * seed 0, docs/benchmarks.md).
   */
  static String improvedVersionOf(String baseline) {
    String improved =
        baseline
            .replace("static final int BATCH_ROWS = 16;", "static final int BATCH_ROWS = 8;")
            .replaceFirst(
                "^// [^\\n]*\\n(// [^\\n]*\\n)?",
                "// More steps in the same FLOP budget: the baseline GPT with 8 rows per step.\n");
    if (!improved.contains("BATCH_ROWS = 8;")) {
      throw new IllegalStateException(
          "the bundled baseline changed: update the demo's improvement");
    }
    return improved;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
