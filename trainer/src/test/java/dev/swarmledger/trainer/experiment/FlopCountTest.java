package dev.swarmledger.trainer.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.harness.Backend;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The counting rule on models small enough to count by hand: a product {@code [m×k]·[k×n]} costs
 * {@code 2mnk} forward and {@code 2mnk} more for each operand that requires grad.
 */
class FlopCountTest {

  @BeforeAll
  static void loadLibtorch() throws Exception {
    Backend.start(1, Backend.Preference.CPU);
  }

  private static Tensor data(long... shape) {
    return torch.randn(shape);
  }

  private static Tensor parameter(long... shape) {
    return torch.randn(shape).set_requires_grad(true);
  }

  @Test
  void aLinearLayerCountsItsProductAndTheWeightGradient() {
    Tensor x = data(2, 3, 4); // 6 rows of 4 features, no gradient wanted
    Tensor w = parameter(5, 4);
    FlopCounter counter = FlopCounter.start();
    Ops.linear(x, w).sum().backward();
    // forward 2·6·4·5 = 240; backward: dW only (x needs none) 240.
    assertThat(counter.total()).isEqualTo(480);
  }

  @Test
  void anInputThatNeedsAGradientCostsOneMoreProduct() {
    Tensor x = data(6, 4).set_requires_grad(true);
    FlopCounter counter = FlopCounter.start();
    Ops.linear(x, parameter(5, 4));
    assertThat(counter.total()).isEqualTo(3 * 240);
  }

  @Test
  void withoutGradModeOnlyTheForwardCounts() {
    Tensor x = data(6, 4);
    Tensor w = parameter(5, 4);
    FlopCounter counter = FlopCounter.start();
    try (NoGradGuard noGrad = new NoGradGuard()) {
      Ops.linear(x, w);
    }
    assertThat(counter.total()).isEqualTo(240);
  }

  @Test
  void aTwoLayerMlp() {
    Tensor x = data(6, 4);
    Linear first = new Linear(4, 8, true);
    Linear second = new Linear(8, 3, true);
    FlopCounter counter = FlopCounter.start();
    Tensor y = second.forward(torch.relu(first.forward(x)));
    y.sum().backward();
    // first: forward 2·6·4·8 = 384, backward dW 384 (x needs no gradient); biases and relu are
    // elementwise. second: forward 2·6·8·3 = 288, backward dW and dh (h depends on W1) 2·288.
    assertThat(counter.total()).isEqualTo(384 + 384 + 288 + 2 * 288);
    assertThat(first.weight().grad().defined()).isTrue();
  }

  @Test
  void batchedMatmulBroadcastsItsBatch() {
    FlopCounter counter = FlopCounter.start();
    Ops.matmul(data(2, 3, 4), data(4, 5));
    Ops.matmul(data(7, 1, 3, 4), data(2, 4, 5)); // batch 7×2
    Ops.matmul(data(4), data(4, 5)); // a vector is one row
    assertThat(counter.total()).isEqualTo(2L * 2 * 3 * 4 * 5 + 2L * 14 * 3 * 4 * 5 + 2L * 4 * 5);
  }

  @Test
  void attentionIsItsTwoProducts() {
    // batch 1, 2 heads, 4 queries over 4 keys, head size 8.
    Tensor q = parameter(1, 2, 4, 8);
    Tensor k = parameter(1, 2, 4, 8);
    Tensor v = parameter(1, 2, 4, 8);
    FlopCounter counter = FlopCounter.start();
    Ops.attention(q, k, v, true).sum().backward();
    long qk = 2L * 2 * 4 * 4 * 8; // Q·Kᵀ: 2 heads × [4×8]·[8×4]
    long pv = 2L * 2 * 4 * 4 * 8; // P·V: 2 heads × [4×4]·[4×8]
    // backward: dQ and dK (one product each of Q·Kᵀ's size), dP and dV (P·V's size).
    assertThat(counter.total()).isEqualTo(qk + pv + 2 * qk + 2 * pv).isEqualTo(3072);
  }

  @Test
  void attentionOverConstantValuesSkipsOnlyTheValueGradient() {
    Tensor q = parameter(1, 2, 4, 8);
    Tensor k = parameter(1, 2, 4, 8);
    FlopCounter counter = FlopCounter.start();
    Ops.attention(q, k, data(1, 2, 4, 8), false);
    assertThat(counter.total()).isEqualTo(512 + 512 + 2 * 512 + 512);
  }

  /** One residual block {@code x + relu(x·Wᵀ)} whose weight may be applied more than once. */
  static final class Shared extends Module {
    final Linear block = register_module("block", new Linear(8, 8));

    Tensor forward(Tensor x, int applications) {
      for (int i = 0; i < applications; i++) {
        x = x.add(torch.relu(block.forward(x)));
      }
      return x;
    }
  }

  @Test
  void aBlockAppliedTwiceCostsTwiceOnceWhereSixNdWouldNotSeeIt() {
    Shared model = new Shared();
    Tensor x = data(10, 8).set_requires_grad(true); // e.g. an embedding's output
    FlopCounter once = FlopCounter.start();
    model.forward(x, 1).sum().backward();
    long onceTotal = once.total();
    FlopCounter twice = FlopCounter.start();
    model.forward(x, 2).sum().backward();

    long tokens = 10;
    long params = 64;
    assertThat(onceTotal).isEqualTo(3L * 2 * tokens * 8 * 8); // forward, dx and dW
    assertThat(twice.total()).isEqualTo(2 * onceTotal);
    // 6 × parameters × tokens is the same number whether the block runs once or twice.
    assertThat(6 * params * tokens).isEqualTo(onceTotal).isLessThan(twice.total());
  }
}
