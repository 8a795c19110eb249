package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final int T = 16;
  private static Device cpu;

  @BeforeAll
  static void startTorch() throws Exception {
    cpu = Backend.start(1, Backend.Preference.CPU).device();
  }

  private static int[] randomBytes(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = random.nextInt(256);
    }
    return tokens;
  }

  /** Logits from a learnable table indexed by the current token (a bigram model). */
  static class Bigram extends Module implements LanguageModel {
    final EmbeddingImpl table = register_module("table", new EmbeddingImpl(256, 256));

    @Override
    public Module module() {
      return this;
    }

    @Override
    public Tensor logits(Tensor tokens) {
      return table.forward(tokens);
    }
  }

  @Test
  void aUniformModelScoresExactlyEight() throws Exception {
    Bigram uniform = new Bigram();
    try (NoGradGuard noGrad = new NoGradGuard()) {
      uniform.table.weight().fill_(new Scalar(3.25));
    }
    int[] tokens = randomBytes(T * 37 + 1, 7);

    Evaluator.Score score =
        new Evaluator(T, Long.MAX_VALUE, 5, cpu).score(uniform, tokens, new ByteTokenizer());

    assertThat(score.valBpb()).isEqualTo(8.0);
    assertThat(score.targets()).isEqualTo(T * 37L);
    assertThat(score.bytes()).isEqualTo(T * 37L);
  }

  @Test
  void matchesAHandComputedScore() throws Exception {
    // A fixed table: after token a, byte b has logit (a * 31 + b * 17) % 11 / 3.
    Bigram fixed = new Bigram();
    float[] logits = new float[256 * 256];
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        logits[a * 256 + b] = ((a * 31 + b * 17) % 11) / 3.0f;
      }
    }
    try (NoGradGuard noGrad = new NoGradGuard()) {
      fixed
          .table
          .weight()
          .copy_(dev.swarmledger.trainer.experiment.gpt.Tensors.floats(logits, cpu, 256, 256));
    }
    int[] tokens = randomBytes(T * 10 + 5, 11);

    double bits = 0;
    long count = 0;
    for (int w = 0; w < 10; w++) {
      for (int t = 0; t < T; t++) {
        int a = tokens[w * T + t];
        int b = tokens[w * T + t + 1];
        double normaliser = 0;
        for (int c = 0; c < 256; c++) {
          normaliser += Math.exp(logits[a * 256 + c]);
        }
        bits += (Math.log(normaliser) - logits[a * 256 + b]) / Math.log(2);
        count++;
      }
    }
    double expected = bits / count;

    Evaluator.Score score =
        new Evaluator(T, Long.MAX_VALUE, 3, cpu).score(fixed, tokens, new ByteTokenizer());

    assertThat(score.targets()).isEqualTo(count);
    assertThat(score.valBpb()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(score.valBpb()).isNotCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void evalTokensCapsTheWindowsScored() throws Exception {
    Evaluator.Score score =
        new Evaluator(T, 3L * T + 5, 2, cpu)
            .score(new Bigram(), randomBytes(T * 20, 3), new ByteTokenizer());
    assertThat(score.targets()).isEqualTo(3L * T);
  }

  @Test
  void aCausalGptPassesTheCausalityCheck() throws Exception {
    torch.manual_seed(5);
    Gpt gpt = new Gpt(GptConfig.of(1, 16, 2), new ModelContext(256, T, cpu));
    // Zero-initialised projections would make every position trivially causal: randomise them.
    try (NoGradGuard noGrad = new NoGradGuard()) {
      for (Tensor p : gpt.parameters().get()) {
        new Tensor(p).normal_(0.0, 0.5, new org.bytedeco.pytorch.GeneratorOptional());
      }
    }
    assertThat(new CausalityCheck(T, 256, cpu, 3, 6).violation(gpt, randomBytes(T * 8, 1), 9))
        .isEmpty();
  }

  @Test
  void aModelThatReadsTheNextTokenIsCaught() throws Exception {
    LanguageModel peeking =
        new Bigram() {
          @Override
          public Tensor logits(Tensor tokens) {
            Tensor shifted =
                torch.cat(new TensorVector(tokens.narrow(1, 1, T - 1), tokens.narrow(1, 0, 1)), 1);
            return table.forward(shifted);
          }
        };
    Optional<String> violation =
        new CausalityCheck(T, 256, cpu, 2, 4).violation(peeking, randomBytes(T * 8, 1), 3);
    assertThat(violation).isPresent();
    assertThat(violation.get()).contains("changed the logits at positions");
  }

  @Test
  void aModelThatMixesRowsIsCaught() throws Exception {
    LanguageModel mixing =
        new Bigram() {
          @Override
          public Tensor logits(Tensor tokens) {
            Tensor own = table.forward(tokens);
            return own.add(
                own.mean(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional()));
          }
        };
    Optional<String> violation =
        new CausalityCheck(T, 256, cpu, 3, 4).violation(mixing, randomBytes(T * 8, 1), 3);
    assertThat(violation).isPresent();
  }

  @Test
  void aModelThatChangesItsWeightsDuringEvaluationIsCaught() {
    Bigram learning =
        new Bigram() {
          @Override
          public Tensor logits(Tensor tokens) {
            try (NoGradGuard noGrad = new NoGradGuard()) {
              table.weight().add_(new Scalar(1e-3));
            }
            return table.forward(tokens);
          }
        };
    EvaluationSession session = new EvaluationSession(new ModelContext(256, T, cpu), 1, 4L * T);
    String before = ParameterHash.hex(learning);

    assertThatThrownBy(
            () -> session.score(learning, randomBytes(T * 8, 2), new ByteTokenizer(), before))
        .isInstanceOfSatisfying(
            EvaluationSession.VoidedException.class,
            e -> assertThat(e.failure()).isEqualTo(EvaluationSession.Failure.MUTATED_PARAMETERS));
  }

  @Test
  void rejectsLogitsOfTheWrongShape() {
    LanguageModel flat =
        new Bigram() {
          @Override
          public Tensor logits(Tensor tokens) {
            return table
                .forward(tokens)
                .sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
          }
        };
    assertThatThrownBy(
            () ->
                new Evaluator(T, Long.MAX_VALUE, 2, cpu)
                    .score(flat, randomBytes(T * 4, 1), new ByteTokenizer()))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("[batch, time, vocab]");
  }
}
