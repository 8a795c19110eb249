package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.harness.DeterminismCheck;
import dev.swarmledger.verifier.VerifierDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm verifier}: run a verifier node. */
@Command(
    name = "verifier",
    description = "Run a verifier: re-run assigned results and sign attestations.")
final class VerifierCommand implements Callable<Integer> {
  @Option(
      names = "--node",
      defaultValue = "${env:SWARM_NODE:-http://127.0.0.1:8080}",
      description = "Node URL.")
  String node;

  @Option(
      names = "--key",
      defaultValue = "${env:SWARM_KEY}",
      description = "The verifier's key file (granted the verifier role) (default: $SWARM_KEY).")
  Path key;

  @Option(
      names = "--state",
      description = "Leases and outbox (default ~/.swarmledger/verifier/<account>).")
  Path state;

  @Option(
      names = "--poll-seconds",
      defaultValue = "2",
      description = "Work polling interval (default ${DEFAULT-VALUE}).")
  long poll;

  @Option(
      names = "--time-limit-minutes",
      defaultValue = "30",
      description = "Kill a re-run after this long (default ${DEFAULT-VALUE}).")
  long timeLimit;

  @Option(names = "--once", description = "Verify what is assigned now, then exit.")
  boolean once;

  @Option(
      names = "--challenge-percent",
      defaultValue = "10",
      description =
          "Also re-run this share of the results sampling did not draw, of this verifier's class,"
              + " in their challenge window (default ${DEFAULT-VALUE}).")
  int challengePercent;

  @Override
  public Integer call() {
    if (key == null) {
      throw new IllegalArgumentException("give --key FILE (or set SWARM_KEY)");
    }
    SigningKey k = KeyFiles.read(key);
    Path dir = Daemons.stateDir(state, "verifier", k);
    Trainer trainer = Daemons.trainer(timeLimit);
    Optional<String> refusal = Daemons.uncontained(trainer, "verifier", "experiment code");
    if (refusal.isPresent()) {
      System.err.println(refusal.get());
      return ExitCodes.HOST_UNFIT;
    }
    var irreproducible = DeterminismCheck.problem(Runtime.getRuntime().availableProcessors());
    if (irreproducible.isPresent()) {
      System.err.println("verifier: refusing to start: " + irreproducible.get());
      return ExitCodes.HOST_UNFIT;
    }
    VerifierDaemon daemon =
        new VerifierDaemon(
                new LedgerClient(node),
                k,
                trainer,
                dir,
                System.out::println,
                id -> ProgressBars.training("verify #" + id))
            .challenging(challengePercent);
    System.out.println("verifier " + k.publicKey().hex() + " polling " + node);
    if (once) {
      daemon.runOnce();
      return 0;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::stop));
    daemon.run(Duration.ofSeconds(poll));
    return 0;
  }
}
