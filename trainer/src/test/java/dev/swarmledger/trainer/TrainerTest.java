package dev.swarmledger.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.data.DataCache;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunRecordJson;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.sandbox.Containment;
import dev.swarmledger.trainer.track.Track;
import dev.swarmledger.trainer.track.Tracks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path: compile, child-process training, child-process evaluation, record. */
class TrainerTest {
  /** The small track, with fewer evaluation targets so a run takes seconds. */
  static final Track SMALL = Tracks.SHAKESPEARE_CHAR_SMALL.withEvalTokens(4096).withHashInterval(2);

  @TempDir static Path cache;
  static Trainer trainer;

  @BeforeAll
  static void setUp() {
    DataCache data =
        new DataCache(cache, Optional.of(Path.of(System.getenv("SWARM_DATA_MIRROR"))), false);
    trainer =
        new Trainer(
            TrainerSettings.fromEnvironment(false)
                .withDataCache(data)
                .withTrack(SMALL)
                .withMemoryLimit(3L << 30, 256L << 20));
  }

  static String experiment(String name) throws IOException {
    try (InputStream in = TrainerTest.class.getResourceAsStream("/experiments/" + name + ".java")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static RunSpec spec(String name, long seed, long steps) throws IOException {
    return new RunSpec(SMALL.id(), experiment(name), seed, Budget.steps(steps), 1);
  }

  /**
   * One step of Tiny on the small track (4 rows of 64 tokens = 256), counted by hand: the linear
   * products forward, input and weight gradient (3 × 2·256·in·out: qkv 16→48, projection 16→16, MLP
   * 16→32 and 32→16, head 16→256), attention (4 rows × 2 heads, 64×64 scores, head size 8: Q·Kᵀ and
   * P·V, each forward and two gradients) and Muon's Newton-Schulz products (819,200).
   */
  static final long TINY_STEP_FLOPS =
      3L * 2 * 256 * (16 * 48 + 16 * 16 + 16 * 32 + 32 * 16 + 16 * 256)
          + 2 * 3 * (2L * 4 * 2 * 64 * 64 * 8)
          + 819_200;

  @Test
  void aFlopBudgetIsSpentInWholeStepsAndAReplayByStepsRecountsIt() throws Exception {
    long budget = 4 * TINY_STEP_FLOPS + TINY_STEP_FLOPS / 3;
    RunRecord run =
        trainer.run(
            new RunSpec(SMALL.id(), experiment("Tiny"), 5, Budget.flops(budget), 1),
            ProgressListener.NONE);
    RunRecord replay = trainer.run(RunSpec.replay(run, experiment("Tiny")), ProgressListener.NONE);

    assertThat(run.steps()).isEqualTo(4);
    assertThat(run.flops()).isEqualTo(4 * TINY_STEP_FLOPS);
    assertThat(replay.flops()).isEqualTo(run.flops());
    assertThat(replay.finalParamHash()).isEqualTo(run.finalParamHash());
    assertThat(replay.hardwareClass()).isEqualTo(run.hardwareClass());
  }

  @Test
  void bf16AutocastIsRecordedReproducibleAndScoredInFloat32() throws Exception {
    RunRecord first = trainer.run(spec("TinyBf16", 21, 4), ProgressListener.NONE);
    RunRecord second = trainer.run(spec("TinyBf16", 21, 4), ProgressListener.NONE);
    RunRecord fp32 = trainer.run(spec("Tiny", 21, 4), ProgressListener.NONE);

    assertThat(first.dtype()).isEqualTo("bfloat16-autocast");
    assertThat(fp32.dtype()).isEqualTo("float32");
    assertThat(second.finalParamHash()).isEqualTo(first.finalParamHash());
    assertThat(Double.doubleToRawLongBits(second.valBpb()))
        .isEqualTo(Double.doubleToRawLongBits(first.valBpb()));
    // bf16 trained other bits than float32 from the same seed and data.
    assertThat(first.finalParamHash()).isNotEqualTo(fp32.finalParamHash());
    // Same shapes, same count: precision never changes the FLOPs charged.
    assertThat(first.flops()).isEqualTo(fp32.flops());
  }

  @Test
  void theSandboxDoesNotChangeTheResult() throws Exception {
    RunRecord contained = trainer.run(spec("Tiny", 77, 4), ProgressListener.NONE);
    RunRecord uncontained =
        new Trainer(trainer.settings().withContainment(Containment.NONE))
            .run(spec("Tiny", 77, 4), ProgressListener.NONE);

    assertThat(contained.sandbox()).isEqualTo("bubblewrap");
    assertThat(uncontained.sandbox()).isEqualTo("none");
    // A verifier (always contained) must reproduce a contributor's uncontained run bit for bit.
    assertThat(contained.finalParamHash()).isEqualTo(uncontained.finalParamHash());
    assertThat(contained.segmentHashes()).isEqualTo(uncontained.segmentHashes());
    assertThat(Double.doubleToRawLongBits(contained.valBpb()))
        .isEqualTo(Double.doubleToRawLongBits(uncontained.valBpb()));
  }

  @Test
  void sameSeedTwiceIsBitIdenticalAndAnotherSeedIsNot() throws Exception {
    List<String> phases = new ArrayList<>();
    List<Long> steps = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void phase(String name) {
            phases.add(name);
          }

          @Override
          public void step(long step, long total, OptionalDouble loss) {
            steps.add(step);
          }
        };
    RunRecord first = trainer.run(spec("Tiny", 1234, 6), listener);
    RunRecord second = trainer.run(spec("Tiny", 1234, 6), ProgressListener.NONE);
    RunRecord other = trainer.run(spec("Tiny", 1235, 6), ProgressListener.NONE);

    assertThat(second.finalParamHash()).isEqualTo(first.finalParamHash());
    assertThat(second.segmentHashes()).isEqualTo(first.segmentHashes()).hasSize(3);
    assertThat(Double.doubleToRawLongBits(second.valBpb()))
        .isEqualTo(Double.doubleToRawLongBits(first.valBpb()));
    // CI installs bubblewrap; a host without it fails here rather than silently testing less.
    assertThat(first.sandbox()).isEqualTo("bubblewrap");

    assertThat(other.finalParamHash()).isNotEqualTo(first.finalParamHash());
    assertThat(other.valBpb()).isNotEqualTo(first.valBpb());

    assertThat(first.steps()).isEqualTo(6);
    assertThat(first.tokens()).isEqualTo(6L * 4 * 64);
    assertThat(first.flops()).isEqualTo(6 * TINY_STEP_FLOPS);
    assertThat(first.hardwareClass()).startsWith("cpu-").endsWith("-t1").hasSizeLessThan(65);
    assertThat(first.evalTargets()).isEqualTo(4096);
    assertThat(first.valBpb()).isBetween(4.0, 8.01);
    assertThat(first.device()).isEqualTo("cpu");
    assertThat(first.threads()).isEqualTo(1);
    assertThat(first.libtorchVersion()).isEqualTo("2.10.0");
    // The harness's determinism settings reached the training child, whatever this environment
    // holds, and the record says so.
    assertThat(first.deterministic()).isTrue();
    assertThat(first.cublasWorkspace()).isEqualTo(":4096:8");
    assertThat(first.attentionKernel()).isEqualTo("cpu");
    assertThat(first.dtype()).isEqualTo("float32");
    assertThat(first.deviceModel()).isNotBlank();
    assertThat(RunRecordJson.fromJson(RunRecordJson.toJson(first))).isEqualTo(first);
    assertThat(phases).contains("compile", "data", "train", "evaluate");
    assertThat(steps).contains(0L, 6L);
  }

  @Test
  void aModelThatSeesTheFutureIsVoided() {
    assertThatThrownBy(() -> trainer.run(spec("Peeking", 1, 2), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.CAUSALITY_VIOLATION));
  }

  @Test
  void aModelThatLearnsDuringEvaluationIsVoided() {
    assertThatThrownBy(() -> trainer.run(spec("Mutating", 1, 2), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(TrainerException.Reason.EVAL_MUTATED_PARAMETERS);
              assertThat(e.getMessage()).contains("changed during computing val_bpb");
            });
  }

  @Test
  void anExperimentThatStopsEarlyIsVoided() {
    assertThatThrownBy(() -> trainer.run(spec("StopsEarly", 1, 3), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(TrainerException.Reason.BUDGET_VIOLATION);
              assertThat(e.getMessage()).contains("after 1 of 3 steps");
            });
  }

  @Test
  void aRefusedSourceNeverStartsAChild() {
    String source = "public class Bad { static { System.exit(3); } }";
    assertThatThrownBy(
            () ->
                trainer.run(
                    new RunSpec(SMALL.id(), source, 1, Budget.steps(1), 1), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.SOURCE_REFUSED));
  }

  @Test
  void aChildPastTheWallTimeLimitIsKilled() throws Exception {
    Trainer limited = new Trainer(trainer.settings().withWallTimeLimit(Duration.ofSeconds(20)));
    assertThatThrownBy(() -> limited.run(spec("Spins", 1, 1), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.TIME_LIMIT));
  }

  @Test
  void aChildPastTheMemoryLimitIsStopped() throws Exception {
    Trainer limited = new Trainer(trainer.settings().withMemoryLimit(1L << 30, 256L << 20));
    assertThatThrownBy(() -> limited.run(spec("Hoards", 1, 1), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.MEMORY_LIMIT));
  }

  @Test
  void anUnknownTrackIsRefused() {
    assertThatThrownBy(
            () ->
                trainer.run(new RunSpec("nope", "x", 1, Budget.steps(1), 1), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.UNKNOWN_TRACK));
  }
}
