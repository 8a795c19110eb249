package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.data.Tokenizer;
import dev.swarmledger.trainer.experiment.LanguageModel;
import java.math.BigDecimal;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The trusted metric: {@code val_bpb = Σ cross-entropy (nats) / (ln 2 × Σ bytes of the targets)}
 * over whole non-overlapping windows of the validation tokens, from the model's logits.
 * Cross-entropy is computed in float64 and summed exactly (BigDecimal), so the figure does not
 * depend on batching or thread count, and a uniform model scores exactly 8.0 on bytes.
 */
public final class Evaluator {
  private static final double LN2 = Math.log(2.0);

  private final int sequenceLength;
  private final long maxTargets;
  private final int rowsPerBatch;
  private final Device device;

  public Evaluator(int sequenceLength, long maxTargets, int rowsPerBatch, Device device) {
    this.sequenceLength = sequenceLength;
    this.maxTargets = maxTargets;
    this.rowsPerBatch = rowsPerBatch;
    this.device = device;
  }

  /** The result of scoring: the metric and what it was computed over. */
  public record Score(double valBpb, long targets, long bytes) {}

  public Score score(LanguageModel model, int[] tokens, Tokenizer tokenizer)
      throws EvaluationException {
    Windows windows = new Windows(tokens, sequenceLength);
    int count = windows.count(maxTargets);
    if (count < 1) {
      throw new EvaluationException("validation split shorter than one window");
    }
    model.module().eval();
    BigDecimal nats = BigDecimal.ZERO;
    long bytes = 0;
    long targets = 0;
    for (int first = 0; first < count; first += rowsPerBatch) {
      int rows = Math.min(rowsPerBatch, count - first);
      double[] perTarget = crossEntropy(model, windows, first, rows);
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < sequenceLength; t++) {
          double value = perTarget[r * sequenceLength + t];
          if (!Double.isFinite(value)) {
            throw new EvaluationException("non-finite cross-entropy at window " + (first + r));
          }
          nats = nats.add(new BigDecimal(value));
          bytes += tokenizer.byteLength(windows.target(first + r, t));
          targets++;
        }
      }
    }
    return new Score(nats.doubleValue() / (LN2 * bytes), targets, bytes);
  }

  private double[] crossEntropy(LanguageModel model, Windows windows, int first, int rows)
      throws EvaluationException {
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      Tensor inputs = Windows.tensor(windows.values(first, rows, 0), rows, sequenceLength, device);
      Tensor targets = Windows.tensor(windows.values(first, rows, 1), rows, sequenceLength, device);
      Tensor logits = checkedLogits(model, inputs, rows);
      // log_softmax computes (x - max) - log Σ exp(x - max): a uniform row gives exactly -ln(V).
      Tensor logProbabilities = torch.log_softmax(logits.to(torch.ScalarType.Double), -1);
      Tensor perTarget =
          torch
              .gather(logProbabilities, -1, targets.unsqueeze(-1))
              .squeeze(-1)
              .neg()
              .cpu()
              .contiguous();
      double[] values = new double[rows * sequenceLength];
      new DoublePointer(perTarget.data_ptr()).get(values);
      return values;
    }
  }

  /** The model's logits for {@code inputs}, refused unless float32 {@code [rows, T, vocab]}. */
  Tensor checkedLogits(LanguageModel model, Tensor inputs, int rows) throws EvaluationException {
    Tensor logits = model.logits(inputs);
    if (logits == null || logits.isNull() || !logits.defined()) {
      throw new EvaluationException("the model returned no logits");
    }
    if (logits.dim() != 3 || logits.size(0) != rows || logits.size(1) != sequenceLength) {
      throw new EvaluationException(
          "logits must be [batch, time, vocab]; got "
              + java.util.Arrays.toString(logits.sizes().vec().get()));
    }
    if (logits.scalar_type().value != torch.ScalarType.Float.value) {
      throw new EvaluationException("logits must be float32, got " + logits.scalar_type());
    }
    return logits;
  }
}
