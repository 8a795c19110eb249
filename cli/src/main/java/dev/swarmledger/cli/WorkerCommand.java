package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.JobWorker;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.trainer.Trainer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm worker}: run swarm jobs for credits. */
@Command(
    name = "worker",
    description =
        "Run a worker: lease open jobs, train or infer in the sandbox, upload the outputs, get"
            + " paid once a verifier reproduces them.")
final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--node",
      defaultValue = "${env:SWARM_NODE:-http://127.0.0.1:8080}",
      description = "Node URL.")
  String node;

  @Option(
      names = "--key",
      defaultValue = "${env:SWARM_KEY}",
      description = "The worker's key file (granted the worker role) (default: $SWARM_KEY).")
  Path key;

  @Option(
      names = "--state",
      description =
          "Outbox, outputs waiting for upload, model cache (default ~/.swarmledger/worker/<account>).")
  Path state;

  @Option(
      names = "--min-price",
      defaultValue = "0.000001",
      description = "Lowest price taken, in credits per 10^15 FLOPs (default ${DEFAULT-VALUE}).")
  BigDecimal minPrice;

  @Option(
      names = "--poll-seconds",
      defaultValue = "2",
      description = "Polling interval (default ${DEFAULT-VALUE}).")
  long poll;

  @Option(
      names = "--time-limit-minutes",
      defaultValue = "30",
      description = "Kill a job's run after this long (default ${DEFAULT-VALUE}).")
  long timeLimit;

  @Option(names = "--once", description = "Work on what is there now, then exit.")
  boolean once;

  @Override
  public Integer call() {
    if (key == null) {
      throw new IllegalArgumentException("give --key FILE (or set SWARM_KEY)");
    }
    SigningKey k = KeyFiles.read(key);
    Path dir = Daemons.stateDir(state, "worker", k);
    Trainer trainer = Daemons.trainer(timeLimit);
    Optional<String> refusal = Daemons.uncontained(trainer, "worker", "the spenders' code");
    if (refusal.isPresent()) {
      System.err.println(refusal.get());
      return ExitCodes.HOST_UNFIT;
    }
    JobWorker worker =
        new JobWorker(
            new LedgerClient(node),
            k,
            trainer,
            JobCommand.micro(minPrice, "--min-price"),
            dir,
            System.out::println,
            id -> ProgressBars.training("job #" + id));
    System.out.println("worker " + k.publicKey().hex() + " polling " + node);
    if (once) {
      worker.runOnce();
      return 0;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(worker::stop));
    worker.run(Duration.ofSeconds(poll));
    return 0;
  }
}
