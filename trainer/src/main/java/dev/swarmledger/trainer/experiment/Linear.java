package dev.swarmledger.trainer.experiment;

import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * A linear layer whose product is counted ({@link Ops#linear}): the experiment API's replacement
 * for {@code LinearImpl}, which the allowlist refuses. Parameters are named and initialised as
 * {@code LinearImpl}'s ({@code weight} {@code [out, in]}, optional {@code bias}), from the same
 * draws of the seeded generator.
 */
public class Linear extends Module {
  private final Tensor weight;
  private final Tensor bias;

  public Linear(long in, long out, boolean withBias) {
    LinearOptions options = new LinearOptions(in, out);
    options.bias().put(withBias);
    LinearImpl initial = new LinearImpl(options);
    // Own handles: the module's references die with it, those register_parameter returns move.
    this.weight = new Tensor(initial.weight());
    this.bias = withBias ? new Tensor(initial.bias()) : null;
    register_parameter("weight", weight);
    if (withBias) {
      register_parameter("bias", bias);
    }
  }

  /** A layer without bias. */
  public Linear(long in, long out) {
    this(in, out, false);
  }

  public Tensor weight() {
    return weight;
  }

  public Tensor forward(Tensor x) {
    return bias == null ? Ops.linear(x, weight) : Ops.linear(x, weight, bias);
  }
}
