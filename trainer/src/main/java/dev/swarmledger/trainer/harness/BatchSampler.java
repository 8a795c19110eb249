package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.experiment.Batch;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Cuts training batches out of the training tokens at offsets drawn from a generator seeded by the
 * run's seed, so the data order is a pure function of (seed, batch sizes).
 */
public final class BatchSampler {
  private static final long STREAM =
      0x6261_7463_6865_7321L; // keeps the data order apart from torch's

  private final int[] tokens;
  private final int sequenceLength;
  private final Device device;
  private final SplittableRandom random;

  public BatchSampler(int[] tokens, int sequenceLength, long seed, Device device) {
    if (tokens.length < sequenceLength + 2) {
      throw new IllegalArgumentException("training split shorter than one sequence");
    }
    this.tokens = tokens;
    this.sequenceLength = sequenceLength;
    this.device = device;
    this.random = new SplittableRandom(seed ^ STREAM);
  }

  public Batch next(long step, int rows) {
    int width = sequenceLength;
    long[] inputs = new long[rows * width];
    long[] targets = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      int offset = random.nextInt(tokens.length - width);
      for (int t = 0; t < width; t++) {
        inputs[r * width + t] = tokens[offset + t];
        targets[r * width + t] = tokens[offset + t + 1];
      }
    }
    return new Batch(step, tensor(inputs, rows, width), tensor(targets, rows, width));
  }

  Tensor tensor(long[] values, int rows, int width) {
    try (LongPointer pointer = new LongPointer(values)) {
      Tensor cpu =
          torch
              .from_blob(
                  pointer, new long[] {rows, width}, new TensorOptions(torch.ScalarType.Long))
              .clone();
      return device.is_cpu() ? cpu : cpu.to(device, torch.ScalarType.Long);
    }
  }
}
