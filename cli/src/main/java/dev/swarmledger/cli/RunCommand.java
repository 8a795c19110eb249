package dev.swarmledger.cli;

import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunRecordJson;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.track.Track;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swarm run EXPERIMENT.java}: trains an experiment in the sandbox and scores it (val_bpb).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Compile, check, train (in a child process without the validation split) and score an experiment.",
      "Prints an autoresearch-style summary, or the run record with --json.",
      "experiments/Baseline.java is built in: it is used when no such file exists."
    })
public final class RunCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "EXPERIMENT.java",
      description = "the experiment source file")
  Path experiment;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "track id (default: ${DEFAULT-VALUE})")
  String track;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "run seed (default: ${DEFAULT-VALUE})")
  long seed;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  BudgetOptions budget;

  static final class BudgetOptions {
    @Option(names = "--steps", description = "train for exactly N steps")
    Long steps;

    @Option(
        names = "--flops",
        description =
            "train within N FLOPs counted by the harness (converted into a recorded step count)")
    Long flops;

    @Option(
        names = "--seconds",
        description = "train for about S seconds (converted into a recorded step count)")
    Double seconds;
  }

  @Option(
      names = "--threads",
      description = "libtorch threads (default: all processors); recorded, part of exact replay")
  Integer threads;

  @Option(
      names = "--device",
      defaultValue = "auto",
      description = "auto, cpu or cuda (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--time-limit", description = "kill the run after this many seconds")
  Long timeLimitSeconds;

  @Option(
      names = "--memory-limit-mb",
      description = "kill a child process above this resident memory (default: 8192)")
  Long memoryLimitMb;

  @Option(names = "--json", description = "print the run record as JSON instead of the summary")
  boolean json;

  @Option(
      names = "--weights",
      description =
          "keep the final parameters in this new file (publish it with `swarm publish --weights`:"
              + " the result's model, for inference jobs, once verifiers reproduce it)")
  Path weights;

  @Option(
      names = Sandboxing.UNSAFE_OPTION,
      description =
          "development only: run the experiment without containment (recorded in the run record)")
  boolean unsafeNoSandbox;

  @Override
  public Integer call() throws IOException {
    PrintStream err = System.err;
    String source = readSource(experiment, err);
    TrainerSettings settings =
        Sandboxing.forContributor(
            TrainerSettings.fromEnvironment(true).withDevice(Backend.Preference.parse(device)),
            unsafeNoSandbox,
            err);
    if (timeLimitSeconds != null) {
      settings = settings.withWallTimeLimit(Duration.ofSeconds(timeLimitSeconds));
    }
    if (memoryLimitMb != null) {
      settings =
          settings.withMemoryLimit(
              memoryLimitMb << 20, Math.min(1L << 30, (memoryLimitMb << 20) / 2));
    }
    Track chosen = settings.track(track).orElse(null);
    if (chosen == null) {
      err.println("run: unknown track " + track);
      return ExitCodes.USAGE;
    }
    Budget spent =
        budget == null
            ? chosen.defaultBudget()
            : budget.steps != null
                ? Budget.steps(budget.steps)
                : budget.flops != null
                    ? Budget.flops(budget.flops)
                    : Budget.seconds(budget.seconds);
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    RunSpec spec = new RunSpec(track, source, seed, spent, threadCount);
    try (BarListener progress = new BarListener(err)) {
      RunRecord record;
      try {
        record =
            weights != null
                ? new Trainer(settings).runKeepingParameters(spec, progress, weights).record()
                : new Trainer(settings).run(spec, progress);
      } catch (TrainerException e) {
        progress.close();
        err.println("run void: " + e.getMessage());
        return ExitCodes.FAILED;
      }
      progress.close();
      System.out.println(json ? RunRecordJson.toJson(record) : summary(record));
      return 0;
    }
  }

  static String readSource(Path file, PrintStream err) throws IOException {
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    String bundled = "/experiments/" + file.getFileName();
    try (InputStream in = RunCommand.class.getResourceAsStream(bundled)) {
      if (in == null || !file.normalize().toString().equals("experiments/" + file.getFileName())) {
        throw new IOException("no such experiment file: " + file);
      }
      err.println("run: using the built-in " + bundled.substring(1));
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String summary(RunRecord r) {
    return String.format(
        Locale.ROOT,
        "---%n"
            + "val_bpb:          %.6f%n"
            + "training_seconds: %.1f%n"
            + "total_seconds:    %.1f%n"
            + "num_steps:        %d%n"
            + "total_tokens_M:   %.3f%n"
            + "num_params_M:     %.3f%n"
            + "flops:            %.3e%n"
            + "device:           %s%n"
            + "threads:          %d%n"
            + "seed:             %d%n"
            + "final_param_hash: %s",
        r.valBpb(),
        r.trainingSeconds(),
        r.totalSeconds(),
        r.steps(),
        r.tokens() / 1e6,
        r.parameterCount() / 1e6,
        (double) r.flops(),
        r.device(),
        r.threads(),
        r.seed(),
        r.finalParamHash());
  }

  /** Shows phases and log lines on stderr and a progress bar while training. */
  private static final class BarListener implements ProgressListener, AutoCloseable {
    private final PrintStream err;
    private ProgressBar bar;
    private boolean training;

    BarListener(PrintStream err) {
      this.err = err;
    }

    @Override
    public synchronized void phase(String name) {
      training = name.equals("train");
      if (!training) {
        close();
      }
      if (!name.equals("train")) {
        err.println("run: " + name);
      }
    }

    @Override
    public synchronized void step(long step, long total, OptionalDouble loss) {
      if (!training) {
        return;
      }
      if (bar == null) {
        bar =
            new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(250)
                .build();
      }
      bar.stepTo(step);
      if (loss.isPresent()) {
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss.getAsDouble()));
      }
    }

    @Override
    public synchronized void log(String line) {
      err.println(line);
    }

    @Override
    public synchronized void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
