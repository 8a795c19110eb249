package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.suggest.LedgerPool;
import dev.swarmledger.client.suggest.Suggester;
import dev.swarmledger.contributor.Contributor;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ResultJson;
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
import java.util.OptionalLong;
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
      names = "--suggest",
      description =
          "Follow swarm suggest: run a proposed cross-pollination (its merged source overwrites the"
              + " file) when there is one; else build on the bandit's lineage (recorded as parent)"
              + " and, with --loop, adopt its tip instead of the best every N cycles.")
  boolean suggest;

  @Option(names = "--json", description = "Print each cycle's outcome as one JSON line.")
  boolean json;

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
    OptionalLong parent = OptionalLong.empty();
    for (int cycle = 1; ; cycle++) {
      String cycleDescription = description;
      boolean adoptCycle = loop && adoptEvery > 0 && cycle > 1 && (cycle - 1) % adoptEvery == 0;
      if (suggest) {
        Optional<Suggester.Suggestion> s = suggestion(client);
        if (s.isPresent() && !s.get().pairs().isEmpty()) {
          Suggester.Pollination p = s.get().pairs().get(0);
          Files.writeString(source, p.mergedSource());
          parent = OptionalLong.of(p.onto());
          if (cycleDescription == null) {
            cycleDescription =
                "cross-pollination: apply #" + p.from() + "'s change to #" + p.onto();
          }
          System.out.println("suggest: " + cycleDescription + " (written to " + source + ")");
        } else if (s.isPresent() && s.get().choice().isPresent()) {
          long tip = s.get().choice().get().tip();
          parent = OptionalLong.of(tip);
          System.out.println("suggest: build on lineage tip #" + tip);
          if (loop && (cycle == 1 || adoptCycle)) {
            Files.writeString(source, client.result(tip).flatMap(ResultView::source).orElseThrow());
            lastSource = Files.readString(source);
            System.out.println("adopted #" + tip + " into " + source + ": edit it to go on");
          }
        }
      } else if (adoptCycle) {
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
                  cycleDescription != null ? cycleDescription : firstComment(text),
                  seed,
                  budget(client),
                  Duration.ofMinutes(waitMinutes),
                  threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                  parent),
              ProgressBars.training("train"));
      if (json) {
        ObjectNode j =
            Json.object()
                .put("cycle", cycle)
                .put("status", o.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("message", o.message());
        o.result().ifPresent(r -> j.put("result", r));
        parent.ifPresent(p -> j.put("parent", p));
        o.detail().ifPresent(d -> j.set("detail", ResultJson.encode(d)));
        System.out.println(j.toString());
      } else {
        System.out.println("cycle " + cycle + ": " + o.status() + " — " + o.message());
      }
      if (!loop) {
        return switch (o.status()) {
          case VERIFIED, QUEUED_OFFLINE -> ExitCodes.OK;
          case CLAIM_REFUSED -> ExitCodes.REFUSED;
          case PENDING -> ExitCodes.TIMED_OUT;
          default -> ExitCodes.FAILED;
        };
      }
    }
  }

  private Optional<Suggester.Suggestion> suggestion(LedgerClient client) {
    try {
      return Optional.of(LedgerPool.suggest(client, track));
    } catch (ApiException e) {
      System.out.println("suggest: cannot read the pool (" + e.wireCode() + ")");
      return Optional.empty();
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
