package dev.swarmledger.trainer.experiment.gpt;

import static org.bytedeco.pytorch.global.torch.gelu;
import static org.bytedeco.pytorch.global.torch.relu;
import static org.bytedeco.pytorch.global.torch.silu;

import dev.swarmledger.trainer.experiment.Linear;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/** The feed-forward half of a block; the down projection starts at zero. */
public class Mlp extends Module {
  private final Activation activation;
  private final Linear up;
  private final Linear gate;
  private final Linear down;

  public Mlp(GptConfig config) {
    this.activation = config.activation();
    this.up = register_module("up", CausalSelfAttention.linear(config.width(), config.mlpHidden()));
    this.gate =
        activation == Activation.SWIGLU
            ? register_module(
                "gate", CausalSelfAttention.linear(config.width(), config.mlpHidden()))
            : null;
    this.down =
        register_module("down", CausalSelfAttention.linear(config.mlpHidden(), config.width()));
    try (NoGradGuard noGrad = new NoGradGuard()) {
      down.weight().zero_();
    }
  }

  public Tensor forward(Tensor x) {
    Tensor hidden = up.forward(x);
    switch (activation) {
      case RELU_SQUARED:
        hidden = relu(hidden).square();
        break;
      case GELU:
        hidden = gelu(hidden);
        break;
      case SWIGLU:
        hidden = silu(gate.forward(x)).mul(hidden);
        break;
      default:
        throw new IllegalStateException("unknown activation " + activation);
    }
    return down.forward(hidden);
  }
}
