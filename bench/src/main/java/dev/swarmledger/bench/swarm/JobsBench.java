package dev.swarmledger.bench.swarm;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.Contributor;
import dev.swarmledger.contributor.JobWorker;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.harness.HardwareClass;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.verifier.VerifierDaemon;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The spending side's round trip and its verification overhead: a node, two verifiers, a worker and
 * a contributor in one JVM (training and inference in sandboxed child JVMs). The contributor earns
 * and publishes a model (the baseline trained for a few steps), then pays for N small inference
 * jobs one after the other; each is timed from {@code job.create} to the completion and to the
 * settlement. The worker is trusted after the policy's streak of agreed jobs, so the later jobs
 * show how sampling cuts the verifiers' share. Prints a Markdown table.
 */
public final class JobsBench {
  private JobsBench() {}

  public static void main(String[] args) throws Exception {
    int jobs = 10;
    int bytes = 64;
    long steps = 30;
    for (String a : args) {
      if (a.equals("--quick")) {
        jobs = 3;
      } else if (a.startsWith("--jobs=")) {
        jobs = Integer.parseInt(a.substring(7));
      } else if (a.startsWith("--bytes=")) {
        bytes = Integer.parseInt(a.substring(8));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    Path dir = Files.createTempDirectory("swarm-jobs-bench");
    log("work directory " + dir + "; " + jobs + " inference jobs of " + bytes + " bytes");
    SigningKey operator = KeyFiles.create(dir.resolve("operator.key"));
    int threads = Runtime.getRuntime().availableProcessors();
    String hardware = HardwareClass.local(threads);
    try (LedgerNode node =
        LedgerNode.start(
            NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", 0, operator))) {
      LedgerClient client = new LedgerClient(node.url());
      List<VerifierDaemon> verifiers = new ArrayList<>();
      for (String name : List.of("v1", "v2")) {
        SigningKey k = account(client, name);
        new AccountSession(client, operator).submit(new VerifierGrant(k.publicKey(), hardware));
        VerifierDaemon d =
            new VerifierDaemon(
                client, k, trainer(), dir.resolve(name), line -> {}, id -> ProgressListener.NONE);
        start("verifier-" + name, () -> d.run(Duration.ofMillis(200)));
        verifiers.add(d);
      }
      SigningKey alice = account(client, "alice");
      Contributor contributor =
          new Contributor(client, alice, trainer(), dir.resolve("alice"), line -> {});
      Contributor.Outcome earned =
          contributor.cycle(
              new Contributor.Cycle(
                  "shakespeare-char",
                  resource("/experiments/Baseline.java"),
                  "the baseline, kept as a model",
                  1,
                  Budget.steps(steps),
                  Duration.ofMinutes(20)),
              ProgressListener.NONE);
      long model = earned.result().orElseThrow();
      log("model: " + earned.message());
      SigningKey walt = account(client, "walt");
      new AccountSession(client, operator).submit(new WorkerGrant(walt.publicKey(), hardware));
      JobWorker worker =
          new JobWorker(
              client,
              walt,
              trainer(),
              1,
              dir.resolve("walt"),
              line -> {},
              id -> ProgressListener.NONE);
      start("worker", () -> worker.run(Duration.ofMillis(200)));
      List<Long> ids = new ArrayList<>();
      List<Double> toCompleted = new ArrayList<>();
      List<Double> toSettled = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        Instant t0 = Instant.now();
        long id =
            new AccountSession(client, alice)
                .submit(
                    new JobCreate(
                        new InferSpec(
                            model,
                            InferSpec.Mode.GENERATE,
                            ("ROMEO " + i + ":").getBytes(StandardCharsets.UTF_8),
                            bytes),
                        100_000_000,
                        1_000_000))
                .index();
        Instant completed = null;
        Job j;
        while (true) {
          j = client.job(id).map(JobView::job).orElseThrow();
          if (completed == null && j.completion().isPresent()) {
            completed = Instant.now();
          }
          if (j.status().ended()) {
            break;
          }
          Thread.sleep(50);
        }
        Instant settled = Instant.now();
        if (completed == null) {
          completed = settled;
        }
        ids.add(id);
        toCompleted.add(Duration.between(t0, completed).toMillis() / 1000.0);
        toSettled.add(Duration.between(t0, settled).toMillis() / 1000.0);
        log(
            String.format(
                Locale.ROOT,
                "job %d/%d #%d %s: completed %.1f s, ended %.1f s (%s)",
                i + 1,
                jobs,
                id,
                j.status().wireName(),
                toCompleted.get(i),
                toSettled.get(i),
                j.completion().map(c -> c.sampled() ? "re-run" : "not drawn").orElse("?")));
      }
      worker.stop();
      verifiers.forEach(VerifierDaemon::stop);
      report(client, ids, toCompleted, toSettled);
    }
  }

  private static void report(
      LedgerClient client, List<Long> ids, List<Double> toCompleted, List<Double> toSettled) {
    int reruns = 0;
    double workerSeconds = 0;
    double verifierSeconds = 0;
    long paid = 0;
    long fees = 0;
    for (int i = 0; i < ids.size(); i++) {
      Job j = client.job(ids.get(i)).map(JobView::job).orElseThrow();
      Job.Completion c = j.completion().orElseThrow();
      double work = ((dev.swarmledger.protocol.jobs.JobOutput.Inferred) c.output()).wallSeconds();
      workerSeconds += work;
      if (c.sampled()) {
        reruns++;
        // The verifier runs the same inference with the same code: its time is the worker's,
        // measured here as the span from completion to settlement.
        verifierSeconds += toSettled.get(i) - toCompleted.get(i);
      }
      paid += j.settlement().orElseThrow().paidMicro();
      fees += j.settlement().orElseThrow().feeMicro();
    }
    System.out.println();
    System.out.println(
        "| jobs | re-run by a verifier | create → completed p50 | create → settled p50 (re-run) | create → settled p50 (not drawn) | verifier s ÷ worker s | paid / fees (µcredits) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    System.out.printf(
        Locale.ROOT,
        "| %d | %d | %.1f s | %.1f s | %s | **%.2f×** (%.0f s ÷ %.0f s) | %d / %d |%n",
        ids.size(),
        reruns,
        median(toCompleted),
        median(select(ids, toSettled, client, true)),
        select(ids, toSettled, client, false).isEmpty()
            ? "–"
            : String.format(Locale.ROOT, "%.1f s", median(select(ids, toSettled, client, false))),
        verifierSeconds / workerSeconds,
        verifierSeconds,
        workerSeconds,
        paid,
        fees);
  }

  private static List<Double> select(
      List<Long> ids, List<Double> values, LedgerClient client, boolean sampled) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      boolean s = client.job(ids.get(i)).orElseThrow().job().completion().orElseThrow().sampled();
      if (s == sampled) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }

  private static SigningKey account(LedgerClient client, String name) {
    SigningKey k = SigningKey.generate(new SecureRandom());
    new AccountSession(client, k).submit(new AccountRegister(name));
    return k;
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static Trainer trainer() {
    return new Trainer(
        TrainerSettings.fromEnvironment(false).withWallTimeLimit(Duration.ofMinutes(10)));
  }

  private static String resource(String path) throws Exception {
    try (InputStream in = JobsBench.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void log(String line) {
    System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + line);
  }
}
