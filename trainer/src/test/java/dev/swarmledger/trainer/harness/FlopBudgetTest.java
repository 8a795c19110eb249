package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.Ops;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import dev.swarmledger.trainer.sandbox.ExperimentCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A FLOP budget: the loop stops at it, a run over it is void, a replay by steps recounts it. */
class FlopBudgetTest {
  private static final int T = 32;

  /** One {@code [4×4]·[4×4]} product without gradients: 2·4·4·4 FLOPs. */
  private static final long UNIT = 128;

  private static Device cpu;
  private static Experiment<LanguageModel> tiny;
  private static int[] tokens;

  @TempDir Path folder;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void setUp() throws Exception {
    cpu = Backend.start(1, Backend.Preference.CPU).device();
    String source =
        new String(
            FlopBudgetTest.class.getResourceAsStream("/experiments/Tiny.java").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    tiny =
        (Experiment<LanguageModel>) ExperimentCompiler.forThisJvm().compile(source).instantiate();
    tokens =
        new ByteTokenizer()
            .encode("to be or not to be, that is the question\n".repeat(50).getBytes());
  }

  private HarnessLoop loop(long flopBudget) {
    torch.manual_seed(1);
    Gpt model = new Gpt(GptConfig.of(1, 16, 2), new ModelContext(256, T, cpu));
    return new HarnessLoop(
        1_000,
        flopBudget,
        new BatchSampler(tokens, T, 1, cpu),
        T,
        256,
        cpu,
        8,
        1_000,
        model,
        new SegmentChain(),
        StepListener.NONE,
        line -> {});
  }

  private static void spend(long units) {
    for (long i = 0; i < units; i++) {
      Ops.matmul(torch.ones(4, 4), torch.ones(4, 4));
    }
  }

  @Test
  void theLoopStopsBeforeAStepThatWouldNotFit() {
    HarnessLoop loop = loop(5 * UNIT / 2); // room for two steps of one unit, not three
    int steps = 0;
    while (loop.hasNext()) {
      loop.next(1);
      spend(1);
      steps++;
    }
    loop.finish();
    assertThat(steps).isEqualTo(2);
    assertThat(loop.flops()).isEqualTo(2 * UNIT);
    assertThatThrownBy(() -> loop.next(1)).isInstanceOf(BudgetViolationException.class);
  }

  @Test
  void aStepThatGrewPastTheBudgetVoidsTheRun() {
    HarnessLoop loop = loop(5 * UNIT / 2);
    loop.next(1);
    spend(1);
    assertThat(loop.hasNext()).isTrue();
    loop.next(1);
    spend(3); // this step grew: 4 units counted, budget 2.5
    assertThat(loop.hasNext()).isFalse();
    assertThatThrownBy(loop::finish)
        .isInstanceOf(BudgetViolationException.class)
        .hasMessageContaining("counted " + 4 * UNIT + " FLOPs, over the budget");
  }

  /**
   * One step of {@code Tiny} (1 block, width 16, 2 heads of 8, MLP 32, vocabulary 256, 4 rows of 32
   * tokens: 128 tokens), counted by hand. The embedding's output requires grad, so every product
   * below it pays forward, input gradient and weight gradient: 3 × 2·128·in·out.
   */
  static final long TINY_STEP =
      3 * 2 * 128 * 16 * 48 // qkv
          + 3 * 2 * (2L * 4 * 2 * 32 * 32 * 8) // attention: Q·Kᵀ and P·V, each forward + 2 grads
          + 3 * 2 * 128 * 16 * 16 // projection
          + 3 * 2 * 128 * 16 * 32 // MLP up
          + 3 * 2 * 128 * 32 * 16 // MLP down
          + 3 * 2 * 128 * 16 * 256 // head
          // Muon, no grad: 5 Newton-Schulz iterations of X·Xᵀ, A·A, B·X on X [r×c], r ≤ c:
          // 4r²c + 2r³ each; qkv [16×48], projection [16×16], up and down [16×32].
          + 5
              * ((4 * 256 * 48 + 2 * 4096)
                  + (4 * 256 * 16 + 2 * 4096)
                  + 2 * (4 * 256 * 32 + 2 * 4096));

  @Test
  void aFlopBudgetBecomesAStepCountAndAReplayByStepsCountsTheSame() throws Exception {
    List<String> log = new ArrayList<>();
    TrainingSession session =
        new TrainingSession(
            new ModelContext(256, T, cpu), tokens, 3, 8, 2, StepListener.NONE, log::add);
    long budget = 3 * TINY_STEP + TINY_STEP / 2;
    long steps = session.stepsForFlops(tiny, budget);
    assertThat(log).last().asString().contains(TINY_STEP + " FLOPs/step -> 3 steps");
    assertThat(steps).isEqualTo(3);

    TrainingSession.Result run = session.train(tiny, steps, budget, folder.resolve("a"));
    assertThat(run.steps()).isEqualTo(3);
    assertThat(run.flops()).isEqualTo(3 * TINY_STEP).isLessThanOrEqualTo(budget);

    TrainingSession.Result replay = session.train(tiny, run.steps(), folder.resolve("b"));
    assertThat(replay.flops()).isEqualTo(run.flops());
    assertThat(replay.finalParamHash()).isEqualTo(run.finalParamHash());
  }

  @Test
  void aBudgetSmallerThanOneStepIsRefused() {
    TrainingSession session =
        new TrainingSession(
            new ModelContext(256, T, cpu), tokens, 3, 8, 2, StepListener.NONE, line -> {});
    assertThatThrownBy(() -> session.stepsForFlops(tiny, 1))
        .isInstanceOf(BudgetViolationException.class)
        .hasMessageContaining("more than the budget");
  }
}
