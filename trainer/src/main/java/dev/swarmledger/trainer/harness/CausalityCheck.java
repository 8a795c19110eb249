package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.experiment.LanguageModel;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Checks at sampled positions that a model cannot see the future: replacing token {@code t+1} of
 * one row must leave that row's logits at positions {@code 0..t} and every other row's logits
 * unchanged (so neither a later token nor a neighbouring window leaks into a prediction).
 */
public final class CausalityCheck {
  /** Largest logit change tolerated; leaks worth anything are orders of magnitude larger. */
  public static final double TOLERANCE = 1e-5;

  private static final long STREAM = 0x6361_7573_616c_6974L;

  private final int sequenceLength;
  private final int vocabularySize;
  private final Device device;
  private final int rows;
  private final int probes;

  public CausalityCheck(
      int sequenceLength, int vocabularySize, Device device, int rows, int probes) {
    this.sequenceLength = sequenceLength;
    this.vocabularySize = vocabularySize;
    this.device = device;
    this.rows = rows;
    this.probes = probes;
  }

  /** A description of the first violation found, or empty if every probe passed. */
  public Optional<String> violation(LanguageModel model, int[] tokens, long seed)
      throws EvaluationException {
    Windows windows = new Windows(tokens, sequenceLength);
    int available = windows.count(Long.MAX_VALUE);
    int used = Math.min(rows, available);
    if (used < 1) {
      throw new EvaluationException("validation split shorter than one window");
    }
    SplittableRandom random = new SplittableRandom(seed ^ STREAM);
    int first = random.nextInt(available - used + 1);
    long[] original = windows.values(first, used, 0);
    Evaluator shapes = new Evaluator(sequenceLength, Long.MAX_VALUE, used, device);
    model.module().eval();
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      Tensor base =
          shapes.checkedLogits(model, Windows.tensor(original, used, sequenceLength, device), used);
      for (int probe = 0; probe < probes; probe++) {
        int row = probe % used;
        int t = random.nextInt(sequenceLength - 1);
        long[] perturbed = original.clone();
        int index = row * sequenceLength + t + 1;
        perturbed[index] =
            (perturbed[index] + 1 + random.nextInt(vocabularySize - 1)) % vocabularySize;
        Tensor changed =
            shapes.checkedLogits(
                model, Windows.tensor(perturbed, used, sequenceLength, device), used);
        double sameRow =
            maxDifference(
                base.select(0, row).narrow(0, 0, t + 1),
                changed.select(0, row).narrow(0, 0, t + 1));
        if (sameRow > TOLERANCE) {
          return Optional.of(
              "changing token "
                  + (t + 1)
                  + " changed the logits at positions <= "
                  + t
                  + " of the same row (max |delta| = "
                  + sameRow
                  + ")");
        }
        for (int other = 0; other < used; other++) {
          if (other == row) {
            continue;
          }
          double otherRow = maxDifference(base.select(0, other), changed.select(0, other));
          if (otherRow > TOLERANCE) {
            return Optional.of(
                "changing a token of row "
                    + row
                    + " changed the logits of row "
                    + other
                    + " (max |delta| = "
                    + otherRow
                    + "): rows must be independent");
          }
        }
      }
    }
    return Optional.empty();
  }

  private static double maxDifference(Tensor a, Tensor b) {
    double difference = a.sub(b).abs().max().item().toDouble();
    return Double.isNaN(difference) ? Double.POSITIVE_INFINITY : difference;
  }
}
