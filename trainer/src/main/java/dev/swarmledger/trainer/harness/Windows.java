package dev.swarmledger.trainer.harness;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Non-overlapping evaluation windows over a token sequence: window i reads tokens [iT, iT + T]. */
final class Windows {
  private final int[] tokens;
  private final int length;

  Windows(int[] tokens, int length) {
    this.tokens = tokens;
    this.length = length;
  }

  /** How many whole windows fit, capped so that at most {@code maxTargets} targets are scored. */
  int count(long maxTargets) {
    long available = (tokens.length - 1L) / length;
    return (int) Math.min(available, maxTargets / length);
  }

  /** Rows {@code first..first+rows-1} as int64 {@code [rows, length]}, shifted by {@code shift}. */
  long[] values(int first, int rows, int shift) {
    long[] values = new long[rows * length];
    for (int r = 0; r < rows; r++) {
      int start = (first + r) * length + shift;
      for (int t = 0; t < length; t++) {
        values[r * length + t] = tokens[start + t];
      }
    }
    return values;
  }

  int target(int window, int position) {
    return tokens[window * length + position + 1];
  }

  static Tensor tensor(long[] values, int rows, int length, Device device) {
    try (LongPointer pointer = new LongPointer(values)) {
      Tensor cpu =
          torch
              .from_blob(
                  pointer, new long[] {rows, length}, new TensorOptions(torch.ScalarType.Long))
              .clone();
      return device.is_cpu() ? cpu : cpu.to(device, torch.ScalarType.Long);
    }
  }
}
