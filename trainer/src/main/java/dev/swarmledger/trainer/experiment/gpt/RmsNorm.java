package dev.swarmledger.trainer.experiment.gpt;

import static org.bytedeco.pytorch.global.torch.rms_norm;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** RMSNorm over the last dimension, with an optional learnable gain (initialised to one). */
public class RmsNorm extends Module {
  private final long size;
  private final Tensor gain;

  /** A parameter-free RMSNorm over {@code size} features. */
  public RmsNorm(long size) {
    this(size, false);
  }

  public RmsNorm(long size, boolean learnableGain) {
    this.size = size;
    this.gain = learnableGain ? torch.ones(size) : null;
    if (learnableGain) {
      register_parameter("gain", gain);
    }
  }

  public Tensor forward(Tensor x) {
    if (gain == null) {
      return rms_norm(x, size);
    }
    return rms_norm(x, new long[] {size}, new TensorOptional(gain), new DoubleOptional());
  }
}
