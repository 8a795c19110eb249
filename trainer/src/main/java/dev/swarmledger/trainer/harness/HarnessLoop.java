package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.experiment.Autocast;
import dev.swarmledger.trainer.experiment.Batch;
import dev.swarmledger.trainer.experiment.FlopCounter;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import dev.swarmledger.trainer.run.LossSample;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * The trusted {@link TrainingLoop}: one batch per step, never more steps than the budget nor more
 * counted FLOPs than the FLOP budget (a run whose count exceeds it is void), a parameter hash into
 * the segment chain after every {@code hashInterval} steps, and one {@link PointerScope} per step
 * so native memory is freed deterministically instead of waiting for the garbage collector.
 */
public final class HarnessLoop implements TrainingLoop {
  private final long totalSteps;
  private final BatchSampler sampler;
  private final int sequenceLength;
  private final int vocabularySize;
  private final Device device;
  private final int maxBatchSize;
  private final int hashInterval;
  private final Module module;
  private final SegmentChain chain;
  private final StepListener listener;
  private final Consumer<String> log;
  private final long lossEvery;
  private final long flopBudget;
  private final FlopCounter counter = FlopCounter.start();
  private long stepStartFlops;
  private final List<LossSample> losses = new ArrayList<>();
  private final java.util.Set<String> precisions = new java.util.LinkedHashSet<>();
  private long taken;
  private long tokens;
  private PointerScope scope;
  private OptionalDouble lastLoss = OptionalDouble.empty();
  private final StateHashes stateHashes;
  private final Tensor lossBuffer;
  private final List<Long> pendingLossSteps = new ArrayList<>();

  /** Loss samples buffered on the device before one read brings them to the host. */
  static final int LOSS_BUFFER = 16;

  public HarnessLoop(
      long totalSteps,
      BatchSampler sampler,
      int sequenceLength,
      int vocabularySize,
      Device device,
      int maxBatchSize,
      int hashInterval,
      Module module,
      SegmentChain chain,
      StepListener listener,
      Consumer<String> log) {
    this(
        totalSteps,
        Long.MAX_VALUE,
        sampler,
        sequenceLength,
        vocabularySize,
        device,
        maxBatchSize,
        hashInterval,
        module,
        chain,
        listener,
        log);
  }

  /**
   * A loop of at most {@code totalSteps} steps whose counted FLOPs may not exceed {@code
   * flopBudget} ({@code Long.MAX_VALUE}: no FLOP budget). Counting starts here.
   */
  public HarnessLoop(
      long totalSteps,
      long flopBudget,
      BatchSampler sampler,
      int sequenceLength,
      int vocabularySize,
      Device device,
      int maxBatchSize,
      int hashInterval,
      Module module,
      SegmentChain chain,
      StepListener listener,
      Consumer<String> log) {
    this(
        totalSteps,
        flopBudget,
        sampler,
        sequenceLength,
        vocabularySize,
        device,
        maxBatchSize,
        hashInterval,
        module,
        chain,
        listener,
        log,
        !device.is_cpu());
  }

  /**
   * @param deferred whether to keep the host from waiting on the device: states hashed from
   *     device-side copies on a worker thread, loss samples read back in batches (the path off the
   *     CPU; same hashes and samples, tested on the CPU)
   */
  HarnessLoop(
      long totalSteps,
      long flopBudget,
      BatchSampler sampler,
      int sequenceLength,
      int vocabularySize,
      Device device,
      int maxBatchSize,
      int hashInterval,
      Module module,
      SegmentChain chain,
      StepListener listener,
      Consumer<String> log,
      boolean deferred) {
    this.stateHashes = new StateHashes(deferred);
    this.lossBuffer =
        deferred
            ? torch
                .zeros(new long[] {LOSS_BUFFER}, new TensorOptions(torch.ScalarType.Double))
                .to(device, torch.ScalarType.Double)
            : null;
    this.totalSteps = totalSteps;
    this.flopBudget = flopBudget;
    this.sampler = sampler;
    this.sequenceLength = sequenceLength;
    this.vocabularySize = vocabularySize;
    this.device = device;
    this.maxBatchSize = maxBatchSize;
    this.hashInterval = hashInterval;
    this.module = module;
    this.chain = chain;
    this.listener = listener;
    this.log = log;
    this.lossEvery = Math.max(1, totalSteps / 100);
  }

  @Override
  public long totalSteps() {
    return totalSteps;
  }

  @Override
  public long stepsTaken() {
    return taken;
  }

  /**
   * True while steps remain and, under a FLOP budget, the next step at the cost of the step just
   * taken still fits.
   */
  @Override
  public boolean hasNext() {
    if (taken >= totalSteps) {
      return false;
    }
    if (taken == 0 || flopBudget == Long.MAX_VALUE) {
      return true;
    }
    long counted = counter.total();
    long lastStep = counted - stepStartFlops;
    return lastStep <= flopBudget - counted;
  }

  @Override
  public Batch next(int batchSize) {
    checkFlops();
    if (!hasNext()) {
      throw new BudgetViolationException(
          "the budget is spent (" + taken + " of " + totalSteps + " steps)");
    }
    if (batchSize < 1 || batchSize > maxBatchSize) {
      throw new BudgetViolationException(
          "batch size " + batchSize + " is outside 1.." + maxBatchSize + " for this track");
    }
    closeScope();
    if (taken > 0 && taken % hashInterval == 0 && chain != null) {
      stateHashes.take(module);
    }
    listener.stepStarted(taken, totalSteps, lastLoss);
    scope = new PointerScope();
    precisions.add(Autocast.mode(device));
    stepStartFlops = counter.total();
    Batch batch = sampler.next(taken, batchSize);
    taken++;
    tokens += (long) batchSize * sequenceLength;
    return batch;
  }

  @Override
  public void recordLoss(Tensor loss) {
    long step = taken - 1;
    if (step < 0) {
      throw new IllegalStateException("recordLoss before the first batch");
    }
    if (step % lossEvery == 0 || step == totalSteps - 1) {
      if (lastSampledStep() == step) {
        return;
      }
      if (lossBuffer == null) {
        double value = loss.item().toDouble();
        losses.add(new LossSample(step, value));
        lastLoss = OptionalDouble.of(value);
        return;
      }
      // Stream-ordered copy into the buffer: no wait for the device until the buffer is full.
      lossBuffer.narrow(0, pendingLossSteps.size(), 1).copy_(loss.detach().reshape(1));
      pendingLossSteps.add(step);
      if (pendingLossSteps.size() == LOSS_BUFFER) {
        readLosses();
      }
    }
  }

  private long lastSampledStep() {
    if (!pendingLossSteps.isEmpty()) {
      return pendingLossSteps.get(pendingLossSteps.size() - 1);
    }
    return losses.isEmpty() ? -1 : losses.get(losses.size() - 1).step();
  }

  /** Brings the buffered loss samples to the host (one wait for the device). */
  private void readLosses() {
    if (pendingLossSteps.isEmpty()) {
      return;
    }
    try (PointerScope read = new PointerScope()) {
      Tensor host = lossBuffer.narrow(0, 0, pendingLossSteps.size()).cpu().contiguous();
      double[] values = new double[pendingLossSteps.size()];
      new org.bytedeco.javacpp.DoublePointer(host.data_ptr()).get(values);
      for (int i = 0; i < values.length; i++) {
        losses.add(new LossSample(pendingLossSteps.get(i), values[i]));
      }
      lastLoss = OptionalDouble.of(values[values.length - 1]);
    }
    pendingLossSteps.clear();
  }

  /**
   * Ends training: releases the last step's tensors and closes the chain.
   *
   * @throws IllegalStateException if the experiment stopped before spending the budget
   */
  public void finish() {
    closeScope();
    checkFlops();
    if (hasNext()) {
      throw new BudgetViolationException(
          "the experiment returned after " + taken + " of " + totalSteps + " steps");
    }
    if (chain != null && taken % hashInterval == 0) {
      stateHashes.take(module);
    }
    readLosses();
    if (chain != null) {
      stateHashes.all().forEach(chain::append);
    }
    stateHashes.close();
    listener.stepStarted(taken, taken, lastLoss);
  }

  /** Releases the open step scope and stops the hashing worker (also when training fails). */
  public void closeScope() {
    if (scope != null) {
      scope.close();
      scope = null;
    }
  }

  /** Stops the hashing worker of a loop that will not finish. */
  public void abandon() {
    closeScope();
    stateHashes.close();
  }

  /** FLOPs counted since this loop was made (every counted op of the experiment's training). */
  public long flops() {
    return counter.total();
  }

  private void checkFlops() {
    long counted = counter.total();
    if (counted > flopBudget) {
      throw new BudgetViolationException(
          "counted " + counted + " FLOPs, over the budget of " + flopBudget + " (a step grew)");
    }
  }

  public long tokens() {
    return tokens;
  }

  /**
   * The precision the steps trained in, as observed at the start of every step: {@code float32},
   * {@code bfloat16-autocast}, or the modes joined by {@code +} in order of first use.
   */
  public String precision() {
    return precisions.isEmpty() ? "float32" : String.join("+", precisions);
  }

  public List<LossSample> losses() {
    return List.copyOf(losses);
  }

  @Override
  public int sequenceLength() {
    return sequenceLength;
  }

  @Override
  public int vocabularySize() {
    return vocabularySize;
  }

  @Override
  public Device device() {
    return device;
  }

  @Override
  public void log(String message) {
    log.accept(message);
  }
}
