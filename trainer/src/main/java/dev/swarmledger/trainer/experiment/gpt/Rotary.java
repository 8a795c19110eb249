package dev.swarmledger.trainer.experiment.gpt;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Rotary position embedding (RoPE) for tensors shaped {@code [batch, heads, time, headSize]}. The
 * cos and sin tables are buffers computed in double precision in Java, so they are identical on
 * every backend.
 */
public class Rotary extends Module {
  private final int half;
  private final Tensor cos;
  private final Tensor sin;

  public Rotary(int headSize, int maxLength, double base, Device device) {
    this.half = headSize / 2;
    float[] cosTable = new float[maxLength * half];
    float[] sinTable = new float[maxLength * half];
    for (int t = 0; t < maxLength; t++) {
      for (int i = 0; i < half; i++) {
        double frequency = 1.0 / Math.pow(base, (2.0 * i) / headSize);
        cosTable[t * half + i] = (float) Math.cos(t * frequency);
        sinTable[t * half + i] = (float) Math.sin(t * frequency);
      }
    }
    // Keep our own handles: the references register_buffer returns point into a growing vector.
    this.cos = Tensors.floats(cosTable, device, 1, 1, maxLength, half);
    this.sin = Tensors.floats(sinTable, device, 1, 1, maxLength, half);
    register_buffer("cos", cos);
    register_buffer("sin", sin);
  }

  /** Rotates pairs {@code (x[i], x[i + half])} by the position's angles. */
  public Tensor forward(Tensor x) {
    long time = x.size(2);
    Tensor c = cos.narrow(2, 0, time);
    Tensor s = sin.narrow(2, 0, time);
    Tensor x1 = x.narrow(3, 0, half);
    Tensor x2 = x.narrow(3, half, half);
    Tensor y1 = x1.mul(c).add(x2.mul(s));
    Tensor y2 = x2.mul(c).sub(x1.mul(s));
    return torch.cat(new TensorVector(y1, y2), 3);
  }
}
