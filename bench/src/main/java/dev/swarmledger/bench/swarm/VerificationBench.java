package dev.swarmledger.bench.swarm;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.Contributor;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.api.AttestationView;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.Result;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verification overhead over a run of results: a node, two verifiers and one contributor who
 * publishes N distinct experiments (the baseline with N falling AdamW rates) and waits for each
 * verdict. Reports verifier compute ÷ contributor compute, publish→verified times, and how the
 * quorum and trusted sampling (docs/protocol.md) spent the verifiers' time, against BOINC's 2× full
 * replication at equal assurance.
 */
public final class VerificationBench {
  private VerificationBench() {}

  public static void main(String[] args) throws Exception {
    int results = 20;
    long steps = 30;
    for (String a : args) {
      if (a.equals("--quick")) {
        results = 5;
      } else if (a.startsWith("--results=")) {
        results = Integer.parseInt(a.substring(10));
      } else if (a.startsWith("--steps=")) {
        steps = Long.parseLong(a.substring(8));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    Path dir = Files.createTempDirectory("swarm-verification-bench");
    String baseline = resource("/experiments/Baseline.java");
    log("work directory " + dir + "; " + results + " results of " + steps + " steps");
    SigningKey operator = KeyFiles.create(dir.resolve("operator.key"));
    try (LedgerNode node =
        LedgerNode.start(
            NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", 0, operator))) {
      LedgerClient client = new LedgerClient(node.url());
      List<VerifierDaemon> verifiers = new ArrayList<>();
      for (String name : List.of("v1", "v2")) {
        SigningKey k = SigningKey.generate(new java.security.SecureRandom());
        new AccountSession(client, k).submit(new AccountRegister(name));
        new AccountSession(client, operator)
            .submit(
                new VerifierGrant(
                    k.publicKey(),
                    HardwareClass.local(Runtime.getRuntime().availableProcessors())));
        VerifierDaemon d =
            new VerifierDaemon(
                client,
                k,
                trainer(),
                dir.resolve(name),
                line -> log(name + ": " + line),
                id -> ProgressListener.NONE);
        Thread t = new Thread(() -> d.run(Duration.ofMillis(300)), "verifier-" + name);
        t.setDaemon(true);
        t.start();
        verifiers.add(d);
      }
      SigningKey alice = SigningKey.generate(new java.security.SecureRandom());
      new AccountSession(client, alice).submit(new AccountRegister("alice"));
      Contributor contributor =
          new Contributor(client, alice, trainer(), dir.resolve("alice"), line -> {});
      Instant start = Instant.now();
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < results; i++) {
        // Rates fall from the baseline's: the first result sets the best and most later ones are
        // ordinary results, as in a real swarm, so the quorum and trusted sampling both show.
        double rate = 0.0060 - 0.0001 * i;
        String source =
            baseline.replace(
                "static final double ADAMW_RATE = 0.006;",
                "static final double ADAMW_RATE = "
                    + String.format(Locale.ROOT, "%.4f", rate)
                    + ";");
        if (source.equals(baseline) && i > 0) {
          throw new IllegalStateException(
              "the baseline's AdamW rate line changed; update the bench");
        }
        Contributor.Outcome o =
            contributor.cycle(
                new Contributor.Cycle(
                    "shakespeare-char",
                    source,
                    "baseline with AdamW rate " + String.format(Locale.ROOT, "%.4f", rate),
                    1,
                    Budget.steps(steps),
                    Duration.ofMinutes(20)),
                ProgressListener.NONE);
        log(String.format("result %d/%d: %s", i + 1, results, o.message()));
        o.result().ifPresent(ids::add);
      }
      double wall = Duration.between(start, Instant.now()).toMillis() / 1000.0;
      verifiers.forEach(VerifierDaemon::stop);
      report(client, ids, wall, steps);
    }
  }

  private static void report(LedgerClient client, List<Long> ids, double wall, long steps) {
    double contributorSeconds = 0;
    double verifierSeconds = 0;
    int candidates = 0;
    int sampledOut = 0;
    int verified = 0;
    int reruns = 0;
    List<Double> latencies = new ArrayList<>();
    for (long id : ids) {
      ResultView r = client.result(id).orElseThrow();
      contributorSeconds += r.run().wallSeconds();
      for (AttestationView a : r.attestations()) {
        verifierSeconds += a.wallSeconds();
        reruns++;
      }
      if (r.candidateBest()) {
        candidates++;
      }
      if (!r.sampled()) {
        sampledOut++;
      }
      if (r.status() == Result.Status.VERIFIED) {
        verified++;
      }
      if (r.decided().isPresent()) {
        latencies.add(Duration.between(r.submitted(), r.decided().get()).toMillis() / 1000.0);
      }
    }
    latencies.sort(Double::compare);
    System.out.println();
    System.out.println(
        "| results | verified | candidate bests (2 re-runs) | trusted, not drawn (0 re-runs) | re-runs | verifier s ÷ contributor s | publish → verified p50 / max | wall |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    System.out.printf(
        Locale.ROOT,
        "| %d | %d | %d | %d | %d | **%.2f×** (%.0f s ÷ %.0f s) | %.1f s / %.1f s | %.0f s |%n",
        ids.size(),
        verified,
        candidates,
        sampledOut,
        reruns,
        verifierSeconds / contributorSeconds,
        verifierSeconds,
        contributorSeconds,
        latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2),
        latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
        wall);
    System.out.printf(
        Locale.ROOT,
        "%nBOINC-style full replication at the same assurance re-runs every result twice: 2.00×. Steps per run: %d.%n",
        steps);
  }

  private static Trainer trainer() {
    return new Trainer(
        TrainerSettings.fromEnvironment(false).withWallTimeLimit(Duration.ofMinutes(10)));
  }

  private static String resource(String path) throws Exception {
    try (InputStream in = VerificationBench.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void log(String line) {
    System.out.println("[" + java.time.LocalTime.now().withNano(0) + "] " + line);
  }
}
