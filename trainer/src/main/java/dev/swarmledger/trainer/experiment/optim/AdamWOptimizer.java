package dev.swarmledger.trainer.experiment.optim;

import java.util.List;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/** libtorch's AdamW (decoupled weight decay) with a scheduled learning rate. */
public final class AdamWOptimizer implements TrainingOptimizer {
  private final AdamW adamW;
  private final double baseRate;

  public AdamWOptimizer(
      List<Tensor> parameters, double rate, double beta1, double beta2, double weightDecay) {
    AdamWOptions options = new AdamWOptions(rate);
    setBetas(options, beta1, beta2);
    options.eps().put(1e-8);
    options.weight_decay().put(weightDecay);
    this.adamW = new AdamW(new TensorVector(parameters.toArray(new Tensor[0])), options);
    this.baseRate = rate;
  }

  /** AdamW with betas (0.9, 0.95) and no weight decay. */
  public AdamWOptimizer(List<Tensor> parameters, double rate) {
    this(parameters, rate, 0.9, 0.95, 0.0);
  }

  /**
   * {@code AdamWOptions::betas()} is a {@code std::tuple<double, double>} that Bytedeco exposes as
   * a raw {@code DoublePointer}; libstdc++ lays a tuple's elements out last-first, so index 0 of
   * the pointer is beta2. Writing (beta1, beta2) in index order swapped them: the trainer ran AdamW
   * with beta1 0.95 and beta2 0.9 ({@code AdamWOptimizerTest} compares libtorch's steps with the
   * formula).
   */
  static void setBetas(AdamWOptions options, double beta1, double beta2) {
    options.betas().put(0, beta2).put(1, beta1);
  }

  @Override
  public void step(double factor) {
    adamW.param_groups().get(0).options().set_lr(baseRate * factor);
    adamW.step();
  }

  @Override
  public void zeroGrad() {
    adamW.zero_grad(true);
  }
}
