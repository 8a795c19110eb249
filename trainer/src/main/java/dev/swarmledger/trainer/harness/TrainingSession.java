package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.experiment.Autocast;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.run.LossSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.pytorch.global.torch;

/**
 * Trains one experiment under the harness's rules (runs in the training child, which holds only the
 * training split): seeds torch, builds the model, hands out the budgeted batches, hashes the state
 * along the way and at the end, and writes the trained state for the evaluator.
 */
public final class TrainingSession {
  /**
   * Probe steps timed to turn a seconds budget into steps; the first two warm up and are not timed.
   */
  static final int PROBE_STEPS = 5;

  private final ModelContext context;
  private final int[] trainTokens;
  private final long seed;
  private final int maxBatchSize;
  private final int hashInterval;
  private final StepListener listener;
  private final Consumer<String> log;

  public TrainingSession(
      ModelContext context,
      int[] trainTokens,
      long seed,
      int maxBatchSize,
      int hashInterval,
      StepListener listener,
      Consumer<String> log) {
    this.context = context;
    this.trainTokens = trainTokens;
    this.seed = seed;
    this.maxBatchSize = maxBatchSize;
    this.hashInterval = hashInterval;
    this.listener = listener;
    this.log = log;
  }

  /** What training produced. */
  public record Result(
      long steps,
      long tokens,
      long parameterCount,
      List<LossSample> losses,
      List<String> segmentHashes,
      String finalParamHash,
      double trainingSeconds,
      long flops,
      String precision) {}

  /** Trains for exactly {@code steps} steps and writes the final state to {@code parametersOut}. */
  public <M extends LanguageModel> Result train(
      Experiment<M> experiment, long steps, Path parametersOut) throws IOException {
    return train(experiment, steps, Long.MAX_VALUE, parametersOut);
  }

  /**
   * Trains for at most {@code steps} steps within {@code flopBudget} counted FLOPs ({@code
   * Long.MAX_VALUE}: none) and writes the final state to {@code parametersOut}.
   *
   * @throws BudgetViolationException if the counted FLOPs exceed the budget
   */
  public <M extends LanguageModel> Result train(
      Experiment<M> experiment, long steps, long flopBudget, Path parametersOut)
      throws IOException {
    resetPrecision();
    torch.manual_seed(seed);
    M model = experiment.model(context);
    SegmentChain chain = new SegmentChain();
    HarnessLoop loop = loop(steps, flopBudget, model, chain, listener, seed);
    long start = System.nanoTime();
    try {
      experiment.train(model, loop);
      loop.finish();
    } finally {
      loop.abandon();
      resetPrecision();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String finalHash = ParameterHash.hex(model.module());
    ParameterFile.write(model.module(), parametersOut);
    return new Result(
        loop.stepsTaken(),
        loop.tokens(),
        NamedTensors.parameterCount(model.module()),
        loop.losses(),
        chain.links(),
        finalHash,
        seconds,
        loop.flops(),
        loop.precision());
  }

  /**
   * Every run starts in float32 (a probe run before it may have switched autocast on), and autocast
   * keeps no cache of cast weights: libtorch's cache lives until a Python-style context exit clears
   * it, so cached bf16 copies would outlive the optimiser step that changed the weights.
   */
  private void resetPrecision() {
    torch.set_autocast_cache_enabled(false);
    Autocast.off(context.device());
  }

  /**
   * Turns a FLOP budget into a step count: counts one step of the same experiment on a throw-away
   * model (same shapes, other data) and divides. Counts depend on shapes only, so every machine
   * gets the same number.
   *
   * @throws BudgetViolationException if one step counts no FLOPs or more than the budget
   */
  public <M extends LanguageModel> long stepsForFlops(Experiment<M> experiment, long flopBudget) {
    resetPrecision();
    torch.manual_seed(seed);
    M model = experiment.model(context);
    HarnessLoop probe = loop(1, Long.MAX_VALUE, model, null, (step, total, loss) -> {}, ~seed);
    try {
      experiment.train(model, probe);
      probe.finish();
    } finally {
      probe.abandon();
    }
    long perStep = probe.flops();
    if (perStep < 1) {
      throw new BudgetViolationException(
          "a step counted no FLOPs: run matrix products through Ops, or use a steps budget");
    }
    if (perStep > flopBudget) {
      throw new BudgetViolationException(
          "one step counts " + perStep + " FLOPs, more than the budget of " + flopBudget);
    }
    long steps = flopBudget / perStep;
    log.accept(
        String.format(
            java.util.Locale.ROOT,
            "flop budget: %d FLOPs/step -> %d steps for %d FLOPs",
            perStep,
            steps,
            flopBudget));
    return steps;
  }

  /**
   * Turns {@code seconds} into a step count by timing {@link #PROBE_STEPS} steps of the same
   * experiment on a throw-away model (same shapes, other data), so the schedule knows its length
   * before training.
   */
  public <M extends LanguageModel> long calibrate(Experiment<M> experiment, double seconds) {
    resetPrecision();
    torch.manual_seed(seed);
    M model = experiment.model(context);
    long[] timedFrom = new long[1];
    StepListener timer =
        (step, total, loss) -> {
          if (step == 2) {
            timedFrom[0] = System.nanoTime();
          }
        };
    HarnessLoop probe = loop(PROBE_STEPS, Long.MAX_VALUE, model, null, timer, ~seed);
    try {
      experiment.train(model, probe);
      probe.finish();
    } finally {
      probe.abandon();
    }
    double perStep = (System.nanoTime() - timedFrom[0]) / 1e9 / (PROBE_STEPS - 2);
    long steps = Math.max(1, (long) Math.floor(seconds / perStep));
    log.accept(
        String.format("calibration: %.4f s/step -> %d steps for %.1f s", perStep, steps, seconds));
    return steps;
  }

  private HarnessLoop loop(
      long steps,
      long flopBudget,
      LanguageModel model,
      SegmentChain chain,
      StepListener steps_,
      long dataSeed) {
    return new HarnessLoop(
        steps,
        flopBudget,
        new BatchSampler(trainTokens, context.sequenceLength(), dataSeed, context.device()),
        context.sequenceLength(),
        context.vocabularySize(),
        context.device(),
        maxBatchSize,
        hashInterval,
        model.module(),
        chain,
        steps_,
        log);
  }
}
