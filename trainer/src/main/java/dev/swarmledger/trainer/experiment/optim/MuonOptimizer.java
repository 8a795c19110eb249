package dev.swarmledger.trainer.experiment.optim;

import dev.swarmledger.trainer.experiment.Ops;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Muon: SGD with Nesterov momentum whose update for each 2-D weight is orthogonalised by five
 * Newton-Schulz iterations (Keller Jordan's quintic coefficients). Only for matrices; use AdamW for
 * embeddings, the head and vectors. Momentum buffers are created here, outside any step scope.
 */
public final class MuonOptimizer implements TrainingOptimizer {
  private static final double A = 3.4445;
  private static final double B = -4.7750;
  private static final double C = 2.0315;

  private final List<Tensor> parameters;
  private final List<Tensor> momentumBuffers = new ArrayList<>();
  private final double baseRate;
  private final double momentum;
  private final int iterations;

  public MuonOptimizer(List<Tensor> parameters, double rate, double momentum, int iterations) {
    for (Tensor p : parameters) {
      if (p.dim() != 2) {
        throw new IllegalArgumentException("Muon takes 2-D parameters only, got " + p.dim() + "-D");
      }
    }
    this.parameters = List.copyOf(parameters);
    for (Tensor p : parameters) {
      momentumBuffers.add(torch.zeros_like(p));
    }
    this.baseRate = rate;
    this.momentum = momentum;
    this.iterations = iterations;
  }

  /** Momentum 0.95 and five iterations. */
  public MuonOptimizer(List<Tensor> parameters, double rate) {
    this(parameters, rate, 0.95, 5);
  }

  @Override
  public void step(double factor) {
    try (NoGradGuard noGrad = new NoGradGuard()) {
      for (int i = 0; i < parameters.size(); i++) {
        Tensor p = parameters.get(i);
        Tensor grad = p.grad();
        if (!grad.defined()) {
          continue;
        }
        Tensor buffer = momentumBuffers.get(i);
        buffer.lerp_(grad, new Scalar(1 - momentum));
        Tensor update = orthogonalise(grad.lerp(buffer, new Scalar(momentum)));
        double aspect = Math.max(1.0, (double) p.size(0) / p.size(1));
        p.add_(update, new Scalar(-baseRate * factor * Math.sqrt(aspect)));
      }
    }
  }

  /** Approximately {@code U V^T} of {@code g = U S V^T}. */
  Tensor orthogonalise(Tensor g) {
    boolean tall = g.size(0) > g.size(1);
    Tensor x = tall ? g.t() : g;
    x = x.div(x.norm().add(new Scalar(1e-7)));
    for (int k = 0; k < iterations; k++) {
      Tensor a = Ops.matmul(x, x.t());
      Tensor b = a.mul(new Scalar(B)).add(Ops.matmul(a, a), new Scalar(C));
      x = x.mul(new Scalar(A)).add(Ops.matmul(b, x));
    }
    return tall ? x.t() : x;
  }

  @Override
  public void zeroGrad() {
    for (Tensor p : parameters) {
      p.mutable_grad().reset();
    }
  }
}
