package dev.swarmledger.trainer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.TrainerException.Reason;
import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.harness.ParameterHash;
import java.nio.charset.StandardCharsets;
import org.assertj.core.data.Offset;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session in this process, on hand-made models whose answers are known. */
class InferenceSessionTest {
  private static final String CLASS = "cpu-test";
  private static ModelContext context;

  @BeforeAll
  static void startTorch() throws Exception {
    context = new ModelContext(256, 8, Backend.start(1, Backend.Preference.CPU).device());
  }

  /** Logits from a table indexed by the current token (a bigram model). */
  static class Bigram extends Module implements LanguageModel {
    final EmbeddingImpl table = register_module("table", new EmbeddingImpl(256, 256));
    final boolean learns;

    Bigram(boolean learns) {
      this.learns = learns;
    }

    @Override
    public Module module() {
      return this;
    }

    @Override
    public Tensor logits(Tensor tokens) {
      if (learns) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
          table.weight().add_(new Scalar(1e-3));
        }
      }
      return table.forward(tokens);
    }
  }

  /** Row {@code i} of the table peaks at {@code i + 1}: from "a" the model spells "bcdef…". */
  private static Bigram successor(boolean learns) {
    Bigram model = new Bigram(learns);
    try (NoGradGuard noGrad = new NoGradGuard()) {
      model.table.weight().zero_();
      for (int i = 0; i < 256; i++) {
        model.table.weight().select(0, i).select(0, (i + 1) % 256).fill_(new Scalar(5.0));
      }
    }
    return model;
  }

  private static InferenceResponse run(LanguageModel model, InferenceRequest request)
      throws InferenceException {
    return new InferenceSession(context, new ByteTokenizer())
        .infer(model, ParameterHash.hex(model.module()), request, () -> CLASS);
  }

  @Test
  void tiesGoToTheLowestTokenIdAndNonFiniteLogitsAreRefused() throws Exception {
    assertThat(InferenceSession.greedy(new float[] {1, 3, 3, 2})).isEqualTo(1);
    assertThat(InferenceSession.greedy(new float[] {0, 0, 0})).isEqualTo(0);
    assertThat(InferenceSession.greedy(new float[] {-1, -2, -0.5f})).isEqualTo(2);
    assertThatThrownBy(() -> InferenceSession.greedy(new float[] {0, Float.NaN}))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.EVALUATION_FAILED));
  }

  @Test
  void greedyGenerationFollowsTheArgmaxPastTheWindow() throws Exception {
    byte[] prompt = "a".getBytes(StandardCharsets.US_ASCII);
    InferenceResponse response =
        run(successor(false), InferenceRequest.generate("t", 0, prompt, 20));
    assertThat(new String(response.output(), StandardCharsets.US_ASCII))
        .isEqualTo("bcdefghijklmnopqrstu");
    // A table with every logit equal: every step is a 256-way tie, won by byte 0.
    Bigram uniform = new Bigram(false);
    try (NoGradGuard noGrad = new NoGradGuard()) {
      uniform.table.weight().zero_();
    }
    assertThat(run(uniform, InferenceRequest.generate("t", 0, prompt, 3)).output())
        .containsExactly(0, 0, 0);
  }

  @Test
  void scoringReadsTheLogSoftmaxOfEachNextByteAcrossWindows() throws Exception {
    Bigram model = successor(false);
    // 20 bytes, 19 predictions: windows of 8, 8 and 3 (context restarts at each).
    byte[] text = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
    InferenceResponse response = run(model, InferenceRequest.score("t", 0, text));
    // The right successor has logit 5 against 255 zeros. (libtorch's vectorised log_softmax may
    // differ in the last bit from one position of a window to the next: deterministically.)
    double expected = 5 - Math.log(Math.exp(5) + 255);
    assertThat(response.logprobs()).hasSize(19);
    for (double value : response.logprobs()) {
      assertThat(value).isCloseTo(expected, Offset.offset(1e-12));
    }
    assertThat(response.flops()).isZero(); // an embedding lookup runs no counted product
  }

  @Test
  void aModelThatChangesWhileAnsweringIsRefused() {
    assertThatThrownBy(
            () -> run(successor(true), InferenceRequest.generate("t", 0, new byte[] {'a'}, 3)))
        .isInstanceOfSatisfying(
            InferenceException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INFERENCE_MUTATED_PARAMETERS);
              assertThat(e.getMessage()).contains("after forward pass 1");
            });
  }
}
