package dev.swarmledger.trainer.experiment.gpt;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/** A pre-norm residual block: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))}. */
public class Block extends Module {
  private final RmsNorm attentionNorm;
  private final CausalSelfAttention attention;
  private final RmsNorm mlpNorm;
  private final Mlp mlp;

  public Block(GptConfig config, int maxLength, Device device) {
    this.attentionNorm = register_module("attentionNorm", new RmsNorm(config.width()));
    this.attention =
        register_module("attention", new CausalSelfAttention(config, maxLength, device));
    this.mlpNorm = register_module("mlpNorm", new RmsNorm(config.width()));
    this.mlp = register_module("mlp", new Mlp(config));
  }

  public Tensor forward(Tensor x) {
    Tensor h = x.add(attention.forward(attentionNorm.forward(x)));
    return h.add(mlp.forward(mlpNorm.forward(h)));
  }
}
