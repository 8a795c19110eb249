package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.experiment.Batch;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Scalar;
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
  private final Tensor deviceTokens;
  private final Tensor positions;

  public BatchSampler(int[] tokens, int sequenceLength, long seed, Device device) {
    this(tokens, sequenceLength, seed, device, !device.is_cpu());
  }

  /**
   * @param gather whether batches are gathered from a token tensor on {@code device} (the path off
   *     the CPU) rather than copied from host memory
   */
  BatchSampler(int[] tokens, int sequenceLength, long seed, Device device, boolean gather) {
    if (tokens.length < sequenceLength + 2) {
      throw new IllegalArgumentException("training split shorter than one sequence");
    }
    this.tokens = tokens;
    this.sequenceLength = sequenceLength;
    this.device = device;
    this.random = new SplittableRandom(seed ^ STREAM);
    if (!gather) {
      this.deviceTokens = null;
      this.positions = null;
    } else {
      // Off the CPU the tokens live on the device and batches are gathered there: copying each
      // batch from host memory would make every step wait for the GPU (a blocking copy), so the
      // host could never queue a step ahead. Only the row offsets cross, without blocking.
      this.deviceTokens = onDevice(tokens);
      this.positions =
          torch
              .arange(new Scalar(sequenceLength + 1), new TensorOptions(torch.ScalarType.Long))
              .to(device, torch.ScalarType.Long);
    }
  }

  public Batch next(long step, int rows) {
    if (deviceTokens != null) {
      return onDevice(step, rows);
    }
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

  /** The same rows as the host path (same offsets, same order), gathered on the device. */
  private Batch onDevice(long step, int rows) {
    int width = sequenceLength;
    long[] offsets = new long[rows];
    for (int r = 0; r < rows; r++) {
      offsets[r] = random.nextInt(tokens.length - width);
    }
    Tensor starts;
    try (LongPointer pointer = new LongPointer(offsets)) {
      starts =
          torch
              .from_blob(pointer, new long[] {rows, 1}, new TensorOptions(torch.ScalarType.Long))
              .clone()
              .to(device, torch.ScalarType.Long, true, false, new MemoryFormatOptional());
    }
    Tensor windows = deviceTokens.index_select(0, starts.add(positions).view(-1));
    Tensor grid = windows.view(rows, width + 1);
    return new Batch(
        step, grid.narrow(1, 0, width).contiguous(), grid.narrow(1, 1, width).contiguous());
  }

  /**
   * The tokens as int64 on the device, widened there: enwik8's 90M training tokens would take 720
   * MB of Java heap as a {@code long[]}; the int32 copy outside the heap takes half of that.
   */
  private Tensor onDevice(int[] values) {
    try (IntPointer pointer = new IntPointer(values)) {
      // to() copies (the blob is freed when the pointer closes), also when the device is the CPU.
      return torch
          .from_blob(pointer, new long[] {values.length}, new TensorOptions(torch.ScalarType.Int))
          .to(device, torch.ScalarType.Long);
    }
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
