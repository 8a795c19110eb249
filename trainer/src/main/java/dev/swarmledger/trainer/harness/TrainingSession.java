package dev.swarmledger.trainer.harness;

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
      double trainingSeconds) {}

  /** Trains for exactly {@code steps} steps and writes the final state to {@code parametersOut}. */
  public <M extends LanguageModel> Result train(
      Experiment<M> experiment, long steps, Path parametersOut) throws IOException {
    torch.manual_seed(seed);
    M model = experiment.model(context);
    SegmentChain chain = new SegmentChain();
    HarnessLoop loop = loop(steps, model, chain, listener, seed);
    long start = System.nanoTime();
    try {
      experiment.train(model, loop);
      loop.finish();
    } finally {
      loop.closeScope();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String finalHash = ParameterHash.hex(model.module());
    ParameterFile.write(model.module(), parametersOut);
    return new Result(
        steps,
        loop.tokens(),
        NamedTensors.parameterCount(model.module()),
        loop.losses(),
        chain.links(),
        finalHash,
        seconds);
  }

  /**
   * Turns {@code seconds} into a step count by timing {@link #PROBE_STEPS} steps of the same
   * experiment on a throw-away model (same shapes, other data), so the schedule knows its length
   * before training.
   */
  public <M extends LanguageModel> long calibrate(Experiment<M> experiment, double seconds) {
    torch.manual_seed(seed);
    M model = experiment.model(context);
    long[] timedFrom = new long[1];
    StepListener timer =
        (step, total, loss) -> {
          if (step == 2) {
            timedFrom[0] = System.nanoTime();
          }
        };
    HarnessLoop probe = loop(PROBE_STEPS, model, null, timer, ~seed);
    try {
      experiment.train(model, probe);
      probe.finish();
    } finally {
      probe.closeScope();
    }
    double perStep = (System.nanoTime() - timedFrom[0]) / 1e9 / (PROBE_STEPS - 2);
    long steps = Math.max(1, (long) Math.floor(seconds / perStep));
    log.accept(
        String.format("calibration: %.4f s/step -> %d steps for %.1f s", perStep, steps, seconds));
    return steps;
  }

  private HarnessLoop loop(
      long steps, LanguageModel model, SegmentChain chain, StepListener steps_, long dataSeed) {
    return new HarnessLoop(
        steps,
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
