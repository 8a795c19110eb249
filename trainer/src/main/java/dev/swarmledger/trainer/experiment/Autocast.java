package dev.swarmledger.trainer.experiment;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * Mixed precision for an experiment's training: under bf16 autocast, matrix products and attention
 * run in bfloat16 while parameters, norms, softmax and the loss stay in float32 (libtorch's
 * autocast rules). The harness records the precision it sees at every step in the run, and
 * evaluates in float32 in a process of its own, so the mode changes how a model trains, never how
 * it is scored.
 *
 * <p>Call {@link #bf16(Device)} once before the training loop, on the thread that trains.
 */
public final class Autocast {
  private Autocast() {}

  /** Trains under bf16 autocast on {@code device}'s backend (CUDA, or the CPU where supported). */
  public static void bf16(Device device) {
    torch.DeviceType type = type(device);
    torch.set_autocast_dtype(type, torch.ScalarType.BFloat16);
    torch.set_autocast_enabled(type, true);
  }

  /** Back to float32. */
  public static void off(Device device) {
    torch.set_autocast_enabled(type(device), false);
  }

  /**
   * The precision in force on {@code device}'s backend: {@code float32}, or {@code
   * bfloat16-autocast} (or another dtype's name with {@code -autocast}).
   */
  public static String mode(Device device) {
    torch.DeviceType type = type(device);
    if (!torch.is_autocast_enabled(type)) {
      return "float32";
    }
    return name(torch.get_autocast_dtype(type)) + "-autocast";
  }

  private static torch.DeviceType type(Device device) {
    return device.is_cuda() ? torch.DeviceType.CUDA : torch.DeviceType.CPU;
  }

  /** Compared by value: JavaCPP may hand back an enum constant it made for the native value. */
  private static String name(torch.ScalarType dtype) {
    if (dtype.value == torch.ScalarType.BFloat16.value) {
      return "bfloat16";
    }
    if (dtype.value == torch.ScalarType.Half.value) {
      return "float16";
    }
    if (dtype.value == torch.ScalarType.Float.value) {
      return "float32";
    }
    return "dtype" + dtype.value;
  }
}
