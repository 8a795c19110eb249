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
    options.betas().put(0, beta1).put(1, beta2);
    options.eps().put(1e-8);
    options.weight_decay().put(weightDecay);
    this.adamW = new AdamW(new TensorVector(parameters.toArray(new Tensor[0])), options);
    this.baseRate = rate;
  }

  /** AdamW with betas (0.9, 0.95) and no weight decay. */
  public AdamWOptimizer(List<Tensor> parameters, double rate) {
    this(parameters, rate, 0.9, 0.95, 0.0);
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
