package dev.swarmledger.trainer.experiment;

import static org.bytedeco.pytorch.global.torch.scaled_dot_product_attention;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The counted heavy operations: every matrix product and attention an experiment runs goes through
 * here (the source allowlist refuses the raw ones), and each call adds its FLOPs to the harness's
 * {@link FlopCounter}.
 *
 * <p>The rule (docs/protocol.md, "Compute budgets: the counting rule"): a product {@code C = A·B}
 * with {@code A: m×k}, {@code B: k×n} (times {@code b} broadcast batch matrices) costs {@code
 * 2·b·m·n·k} forward, and when grad mode is on, another {@code 2·b·m·n·k} for each operand that
 * requires grad (its gradient is one product of the same size). The backward is charged when the
 * forward runs. Attention is its two products, {@code Q·Kᵀ} and {@code P·V}, over the full {@code
 * T×S} score matrix (causal or not): {@code P}'s gradient is needed when {@code Q} or {@code K}
 * requires grad. Elementwise operations, softmax, norms and embedding lookups are not counted.
 */
public final class Ops {
  private Ops() {}

  /** {@code x · weightᵀ}: {@code x} is {@code [..., in]}, {@code weight} {@code [out, in]}. */
  public static Tensor linear(Tensor x, Tensor weight) {
    FlopCounter.add(linearFlops(x, weight));
    return torch.linear(x, weight);
  }

  /** {@code x · weightᵀ + bias}; the bias add is elementwise and not counted. */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    FlopCounter.add(linearFlops(x, weight));
    return torch.linear(x, weight, bias);
  }

  /**
   * {@code torch.matmul(a, b)}: {@code a} is {@code [..., m, k]}, {@code b} {@code [..., k, n]},
   * batch dimensions broadcast; a 1-D operand is a single row ({@code a}) or column ({@code b}).
   */
  public static Tensor matmul(Tensor a, Tensor b) {
    FlopCounter.add(matmulFlops(a, b));
    return torch.matmul(a, b);
  }

  /**
   * Scaled dot-product attention of {@code q} {@code [..., T, d]} over {@code k} {@code [..., S,
   * d]} and {@code v} {@code [..., S, dv]}, causal when asked.
   */
  public static Tensor attention(Tensor q, Tensor k, Tensor v, boolean causal) {
    FlopCounter.add(attentionFlops(q, k, v));
    return scaled_dot_product_attention(
        q, k, v, new TensorOptional(), 0.0, causal, new DoubleOptional(), false);
  }

  static long linearFlops(Tensor x, Tensor weight) {
    if (weight.dim() != 2 || x.dim() < 1 || x.size(-1) != weight.size(1)) {
      throw new IllegalArgumentException("linear: x [..., in] and weight [out, in] do not match");
    }
    long in = weight.size(1);
    long out = weight.size(0);
    long rows = x.numel() / in;
    return product(1, rows, in, out, grads(x, weight));
  }

  static long matmulFlops(Tensor a, Tensor b) {
    if (a.dim() < 1 || b.dim() < 1) {
      throw new IllegalArgumentException("matmul: operands must have at least one dimension");
    }
    long m = a.dim() == 1 ? 1 : a.size(-2);
    long k = a.size(-1);
    long n = b.dim() == 1 ? 1 : b.size(-1);
    long kb = b.dim() == 1 ? b.size(0) : b.size(-2);
    if (k != kb) {
      throw new IllegalArgumentException(
          "matmul: inner dimensions " + k + " and " + kb + " differ");
    }
    long batch = broadcastBatch(a, b);
    return product(batch, m, k, n, grads(a, b));
  }

  static long attentionFlops(Tensor q, Tensor k, Tensor v) {
    if (q.dim() < 2 || k.dim() != q.dim() || v.dim() != q.dim()) {
      throw new IllegalArgumentException("attention: q, k and v must have the same rank (>= 2)");
    }
    long t = q.size(-2);
    long d = q.size(-1);
    long s = k.size(-2);
    long dv = v.size(-1);
    if (k.size(-1) != d || v.size(-2) != s) {
      throw new IllegalArgumentException("attention: q, k and v shapes do not match");
    }
    long batch = q.numel() / (t * d);
    boolean grad = GradMode.is_enabled();
    boolean qGrad = grad && q.requires_grad();
    boolean kGrad = grad && k.requires_grad();
    boolean vGrad = grad && v.requires_grad();
    long scores = Math.multiplyExact(2L, Math.multiplyExact(batch, Math.multiplyExact(t, s)));
    long qk = Math.multiplyExact(scores, d);
    long pv = Math.multiplyExact(scores, dv);
    long total = Math.addExact(qk, pv);
    // Q·Kᵀ backward: dQ = dS·K, dK = dSᵀ·Q. P·V backward: dP = dO·Vᵀ (needed for Q or K), dV =
    // Pᵀ·dO.
    int qkOperands = (qGrad ? 1 : 0) + (kGrad ? 1 : 0);
    int pvOperands = ((qGrad || kGrad) ? 1 : 0) + (vGrad ? 1 : 0);
    total = Math.addExact(total, Math.multiplyExact(qk, qkOperands));
    return Math.addExact(total, Math.multiplyExact(pv, pvOperands));
  }

  private static int grads(Tensor a, Tensor b) {
    if (!GradMode.is_enabled()) {
      return 0;
    }
    return (a.requires_grad() ? 1 : 0) + (b.requires_grad() ? 1 : 0);
  }

  private static long product(long batch, long m, long k, long n, int gradOperands) {
    long forward =
        Math.multiplyExact(
            2L, Math.multiplyExact(batch, Math.multiplyExact(m, Math.multiplyExact(k, n))));
    return Math.multiplyExact(forward, 1 + gradOperands);
  }

  private static long broadcastBatch(Tensor a, Tensor b) {
    long aDims = Math.max(0, a.dim() - 2);
    long bDims = Math.max(0, b.dim() - 2);
    long dims = Math.max(aDims, bDims);
    long batch = 1;
    for (long i = 0; i < dims; i++) {
      long fromA = i < aDims ? a.size(a.dim() - 3 - i) : 1;
      long fromB = i < bDims ? b.size(b.dim() - 3 - i) : 1;
      if (fromA != fromB && fromA != 1 && fromB != 1) {
        throw new IllegalArgumentException("matmul: batch dimensions do not broadcast");
      }
      batch = Math.multiplyExact(batch, Math.max(fromA, fromB));
    }
    return batch;
  }
}
