package dev.swarmledger.trainer.experiment.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** libtorch's AdamW, as the experiment API configures it, against the AdamW update rule. */
class AdamWOptimizerTest {
  private static final double[] GRADIENTS = {1, -3, 0.5, 2, -0.25};

  @Test
  void stepsFollowTheAdamWRuleWithTheBetasAsGiven() {
    Tensor p =
        torch.zeros(new long[] {1}, new TensorOptions(torch.ScalarType.Double)).requires_grad_();
    AdamWOptimizer optimizer = new AdamWOptimizer(List.of(p), 0.1, 0.9, 0.95, 0.0);
    for (double g : GRADIENTS) {
      optimizer.zeroGrad();
      p.mul(new Scalar(g)).sum().backward();
      optimizer.step(1.0);
    }
    double expected = adamW(0.9, 0.95, 0.1);
    // With the betas swapped the parameter ends at a value this far from the rule's.
    assertThat(Math.abs(adamW(0.95, 0.9, 0.1) - expected)).isGreaterThan(1e-4);
    assertThat(p.item_double()).isCloseTo(expected, within(1e-12));
  }

  /**
   * The parameter after {@link #GRADIENTS}, starting from zero, by the AdamW formula (no decay).
   */
  private static double adamW(double beta1, double beta2, double rate) {
    double p = 0;
    double m = 0;
    double v = 0;
    for (int t = 1; t <= GRADIENTS.length; t++) {
      double g = GRADIENTS[t - 1];
      m = beta1 * m + (1 - beta1) * g;
      v = beta2 * v + (1 - beta2) * g * g;
      double mHat = m / (1 - Math.pow(beta1, t));
      double vHat = v / (1 - Math.pow(beta2, t));
      p -= rate * mHat / (Math.sqrt(vHat) + 1e-8);
    }
    return p;
  }
}
