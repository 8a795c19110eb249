package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import dev.swarmledger.trainer.sandbox.ExperimentCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness inside one JVM (the child processes run exactly this code). */
class TrainingSessionTest {
  private static final int T = 32;
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
            TrainingSessionTest.class.getResourceAsStream("/experiments/Tiny.java").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    tiny =
        (Experiment<LanguageModel>) ExperimentCompiler.forThisJvm().compile(source).instantiate();
    SplittableRandom random = new SplittableRandom(1);
    byte[] text = new byte[20_000];
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) ("abcab cabba\n".charAt(random.nextInt(12)));
    }
    tokens = new ByteTokenizer().encode(text);
  }

  private TrainingSession session(long seed, List<String> log) {
    return new TrainingSession(
        new ModelContext(256, T, cpu), tokens, seed, 8, 2, StepListener.NONE, log::add);
  }

  @Test
  void sameSeedGivesTheSameBitsAndOtherSeedsDoNot() throws Exception {
    TrainingSession.Result a = session(7, new ArrayList<>()).train(tiny, 5, folder.resolve("a"));
    TrainingSession.Result b = session(7, new ArrayList<>()).train(tiny, 5, folder.resolve("b"));
    TrainingSession.Result c = session(8, new ArrayList<>()).train(tiny, 5, folder.resolve("c"));

    assertThat(a.finalParamHash()).isEqualTo(b.finalParamHash());
    assertThat(a.segmentHashes()).isEqualTo(b.segmentHashes()).hasSize(2);
    assertThat(a.losses()).isEqualTo(b.losses());
    assertThat(c.finalParamHash()).isNotEqualTo(a.finalParamHash());
    assertThat(c.segmentHashes().get(0)).isNotEqualTo(a.segmentHashes().get(0));
    assertThat(a.tokens()).isEqualTo(5L * 4 * T);
    assertThat(a.losses().get(0).loss())
        .isCloseTo(Math.log(256), org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void evaluationIsFloat32EvenWhenTheExperimentSwitchedAutocastOn() throws Exception {
    Path file = folder.resolve("params.bin");
    TrainingSession.Result trained = session(3, new ArrayList<>()).train(tiny, 3, file);
    int[] validation = java.util.Arrays.copyOf(tokens, 4 * T + 1);
    EvaluationSession evaluation = new EvaluationSession(new ModelContext(256, T, cpu), 3, 4L * T);
    ByteTokenizer bytes = new ByteTokenizer();

    double plain =
        evaluation.evaluate(tiny, file, trained.finalParamHash(), validation, bytes).valBpb();
    dev.swarmledger.trainer.experiment.Autocast.bf16(cpu); // as a model() could
    double afterAutocast =
        evaluation.evaluate(tiny, file, trained.finalParamHash(), validation, bytes).valBpb();

    assertThat(dev.swarmledger.trainer.experiment.Autocast.mode(cpu)).isEqualTo("float32");
    assertThat(Double.doubleToRawLongBits(afterAutocast))
        .isEqualTo(Double.doubleToRawLongBits(plain));
    assertThat(trained.precision()).isEqualTo("float32");
  }

  @Test
  void theTransferredStateIsTheTrainedState() throws Exception {
    Path file = folder.resolve("params.bin");
    TrainingSession.Result trained = session(3, new ArrayList<>()).train(tiny, 3, file);

    torch.manual_seed(99);
    LanguageModel fresh = tiny.model(new ModelContext(256, T, cpu));
    assertThat(ParameterHash.hex(fresh.module())).isNotEqualTo(trained.finalParamHash());
    ParameterFile.load(fresh.module(), file);
    assertThat(ParameterHash.hex(fresh.module())).isEqualTo(trained.finalParamHash());
  }

  @Test
  void aSecondsBudgetBecomesARecordedStepCount() {
    List<String> log = new ArrayList<>();
    long steps = session(1, log).calibrate(tiny, 0.5);
    assertThat(steps).isPositive();
    assertThat(log).anyMatch(line -> line.contains("-> " + steps + " steps"));
  }

  @Test
  void theLoopEnforcesTheBudget() {
    torch.manual_seed(1);
    Gpt model = new Gpt(GptConfig.of(1, 16, 2), new ModelContext(256, T, cpu));
    HarnessLoop loop =
        new HarnessLoop(
            2,
            new BatchSampler(tokens, T, 1, cpu),
            T,
            256,
            cpu,
            8,
            2,
            model,
            new SegmentChain(),
            StepListener.NONE,
            line -> {});
    assertThatThrownBy(() -> loop.next(9)).isInstanceOf(BudgetViolationException.class);
    loop.next(1);
    assertThatThrownBy(loop::finish)
        .isInstanceOf(BudgetViolationException.class)
        .hasMessageContaining("after 1 of 2 steps");
    loop.next(1);
    assertThatThrownBy(() -> loop.next(1))
        .isInstanceOf(BudgetViolationException.class)
        .hasMessageContaining("spent");
    loop.finish();
  }

  @Test
  void batchesAreShiftedWindowsOfTheTrainingTokens() {
    BatchSampler sampler = new BatchSampler(tokens, T, 4, cpu);
    var batch = sampler.next(0, 3);
    Tensor inputs = batch.inputs();
    Tensor targets = batch.targets();
    assertThat(inputs.sizes().vec().get()).containsExactly(3, T);
    assertThat(inputs.narrow(1, 1, T - 1).equal(targets.narrow(1, 0, T - 1))).isTrue();
  }
}
