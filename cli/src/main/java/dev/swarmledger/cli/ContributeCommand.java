package dev.swarmledger.cli;

import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.Contributor;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.run.Budget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm contribute}: THINK → CLAIM → RUN → PUBLISH, once or in a loop. */
@Command(
    name = "contribute",
    description = "Run one THINK → CLAIM → RUN → PUBLISH cycle on a source (or --loop).")
final class ContributeCommand implements Callable<Integer> {
  @Option(
      names = "--node",
      defaultValue = "${env:SWARM_NODE:-http://127.0.0.1:8080}",
      description = "Node URL.")
  String node;

  @Option(
      names = "--key",
      defaultValue = "${env:SWARM_KEY}",
      description = "Your key file (default: $SWARM_KEY).")
  Path key;

  @Parameters(
      index = "0",
      paramLabel = "EXPERIMENT.java",
      description = "The experiment to run (re-read every cycle).")
  Path source;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "Track (default ${DEFAULT-VALUE}).")
  String track;

  @Option(
      names = {"--description", "-d"},
      description = "What this run tries (default: the file's first comment line).")
  String description;

  @Option(
      names = "--steps",
      description = "Train exactly this many steps instead of the track's FLOP budget.")
  Long steps;

  @Option(
      names = "--flops",
      description = "Train to this many counted FLOPs (default: the track's budget on the ledger).")
  Long flops;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      description =
          "Intra-op threads of each run (default: every processor); verifiers replay with the same.")
  Integer threads;

  @Option(
      names = "--wait-minutes",
      defaultValue = "30",
      description = "How long to wait for the verdict (default ${DEFAULT-VALUE}).")
  long waitMinutes;

  @Option(
      names = "--state",
      description = "Outbox folder (default ~/.swarmledger/contributor/<account>).")
  Path state;

  @Option(
      names = "--loop",
      description = "Keep going: re-read the source each cycle (an agent edits it in between).")
  boolean loop;

  @Option(
      names = "--adopt-best-every",
      defaultValue = "5",
      description =
          "With --loop: every N cycles, overwrite the source with the verified best (default ${DEFAULT-VALUE}).")
  int adoptEvery;

  @Option(
      names = Sandboxing.UNSAFE_OPTION,
      description =
          "Development only: run experiments without containment (recorded in the run record).")
  boolean unsafeNoSandbox;

  /**
   * What one cycle trains: the given steps or FLOPs, else the track's FLOP budget as the ledger
   * states it (the built-in track's when the node cannot be reached).
   */
  private Budget budget(LedgerClient client) {
    if (steps != null) {
      return Budget.steps(steps);
    }
    if (flops != null) {
      return Budget.flops(flops);
    }
    try {
      Optional<Long> ledger = client.track(track).map(t -> t.spec().budgetFlops());
      if (ledger.isPresent()) {
        return Budget.flops(ledger.get());
      }
    } catch (ApiException e) {
      System.err.println("node unreachable: training to the built-in budget of " + track);
    }
    return TrainerSettings.fromEnvironment(false)
        .track(track)
        .map(t -> t.defaultBudget())
        .orElseThrow(() -> new IllegalArgumentException("unknown track " + track));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (key == null) {
      throw new IllegalArgumentException("give --key FILE (or set SWARM_KEY)");
    }
    SigningKey k = KeyFiles.read(key);
    Path dir =
        state != null
            ? state
            : Path.of(
                System.getProperty("user.home"),
                ".swarmledger",
                "contributor",
                k.publicKey().hex().substring(0, 16));
    LedgerClient client = new LedgerClient(node);
    Contributor contributor =
        new Contributor(
            client,
            k,
            new Trainer(
                Sandboxing.forContributor(
                    TrainerSettings.fromEnvironment(true), unsafeNoSandbox, System.err)),
            dir,
            System.out::println);
    String lastSource = null;
    for (int cycle = 1; ; cycle++) {
      if (loop && adoptEvery > 0 && cycle > 1 && (cycle - 1) % adoptEvery == 0) {
        adoptBest(client);
      }
      String text = Files.readString(source);
      if (loop && text.equals(lastSource)) {
        contributor.flush();
        Thread.sleep(5_000);
        continue;
      }
      lastSource = text;
      Contributor.Outcome o =
          contributor.cycle(
              new Contributor.Cycle(
                  track,
                  text,
                  description != null ? description : firstComment(text),
                  seed,
                  budget(client),
                  Duration.ofMinutes(waitMinutes),
                  threads != null ? threads : Runtime.getRuntime().availableProcessors()),
              ProgressBars.training("train"));
      System.out.println("cycle " + cycle + ": " + o.status() + " — " + o.message());
      if (!loop) {
        return o.status() == Contributor.Status.VERIFIED
                || o.status() == Contributor.Status.QUEUED_OFFLINE
            ? 0
            : 1;
      }
    }
  }

  private void adoptBest(LedgerClient client) throws IOException {
    try {
      Optional<BestView> best = client.best(track);
      if (best.isEmpty()) {
        System.out.println("no verified best to adopt yet");
        return;
      }
      Files.writeString(source, best.get().detail().flatMap(ResultView::source).orElseThrow());
      System.out.println(
          "adopted the verified best (result #" + best.get().result() + ") into " + source);
    } catch (ApiException e) {
      System.out.println("no verified best to adopt yet (" + e.wireCode() + ")");
    }
  }

  static String firstComment(String source) {
    for (String line : source.split("\n")) {
      String t = line.strip();
      if (t.startsWith("//")) {
        String c = t.substring(2).strip();
        if (!c.isEmpty()) {
          return c.length() > 500 ? c.substring(0, 500) : c;
        }
      }
    }
    return "experiment " + Integer.toHexString(source.hashCode());
  }
}
