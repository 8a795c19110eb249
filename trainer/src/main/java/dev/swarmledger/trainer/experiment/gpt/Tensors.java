package dev.swarmledger.trainer.experiment.gpt;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Small tensor constructors the building blocks share. */
public final class Tensors {
  private Tensors() {}

  /** A float32 tensor of {@code shape} holding a copy of {@code values}, on {@code device}. */
  public static Tensor floats(float[] values, Device device, long... shape) {
    try (FloatPointer pointer = new FloatPointer(values)) {
      Tensor onCpu = torch.from_blob(pointer, shape).clone();
      return device.is_cpu() ? onCpu : onCpu.to(device, torch.ScalarType.Float);
    }
  }
}
