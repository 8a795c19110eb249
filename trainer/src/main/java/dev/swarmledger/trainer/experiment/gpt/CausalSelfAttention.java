package dev.swarmledger.trainer.experiment.gpt;

import dev.swarmledger.trainer.experiment.Linear;
import dev.swarmledger.trainer.experiment.Ops;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * Multi-head causal self-attention with RoPE and optional QK-norm; the output projection starts at
 * zero.
 */
public class CausalSelfAttention extends Module {
  private final GptConfig config;
  private final Linear qkv;
  private final Linear projection;
  private final Rotary rotary;
  private final RmsNorm headNorm;

  public CausalSelfAttention(GptConfig config, int maxLength, Device device) {
    this.config = config;
    this.qkv = register_module("qkv", linear(config.width(), 3L * config.width()));
    this.projection = register_module("projection", linear(config.width(), config.width()));
    this.rotary =
        register_module(
            "rotary", new Rotary(config.headSize(), maxLength, config.ropeBase(), device));
    this.headNorm = register_module("headNorm", new RmsNorm(config.headSize()));
    try (NoGradGuard noGrad = new NoGradGuard()) {
      projection.weight().zero_();
    }
  }

  /** {@code x}: {@code [batch, time, width]}. */
  public Tensor forward(Tensor x) {
    long batch = x.size(0);
    long time = x.size(1);
    int heads = config.heads();
    int headSize = config.headSize();
    TensorVector parts = qkv.forward(x).split(config.width(), 2);
    Tensor q = parts.get(0).view(batch, time, heads, headSize).transpose(1, 2);
    Tensor k = parts.get(1).view(batch, time, heads, headSize).transpose(1, 2);
    Tensor v = parts.get(2).view(batch, time, heads, headSize).transpose(1, 2);
    if (config.qkNorm()) {
      q = headNorm.forward(q);
      k = headNorm.forward(k);
    }
    q = rotary.forward(q);
    k = rotary.forward(k);
    Tensor y = Ops.attention(q, k, v, true);
    return projection.forward(y.transpose(1, 2).contiguous().view(batch, time, config.width()));
  }

  static Linear linear(long in, long out) {
    return new Linear(in, out);
  }
}
