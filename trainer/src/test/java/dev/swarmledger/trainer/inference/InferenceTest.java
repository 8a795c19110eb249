package dev.swarmledger.trainer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.TrainedModel;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerException.Reason;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.data.DataCache;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.harness.ParameterFile;
import dev.swarmledger.trainer.harness.ParameterFileDigest;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.track.Track;
import dev.swarmledger.trainer.track.Tracks;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path: train with the real Trainer keeping the parameters, then generate and score in
 * contained child processes.
 */
class InferenceTest {
  static final Track SMALL = Tracks.SHAKESPEARE_CHAR_SMALL.withEvalTokens(4096);
  static final byte[] PROMPT = "ROMEO:\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TEXT =
      ("First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n"
              + "First Citizen:\nYou are all resolved rather to die than to famish?\n")
          .getBytes(StandardCharsets.US_ASCII);

  @TempDir static Path folder;
  static Trainer trainer;
  static Inference inference;
  static TrainedModel tiny;
  static TrainedModel otherTiny;
  static TrainedModel learnsWhilePrompted;

  @BeforeAll
  static void trainModels() throws Exception {
    DataCache data =
        new DataCache(
            folder.resolve("cache"),
            Optional.of(Path.of(System.getenv("SWARM_DATA_MIRROR"))),
            false);
    TrainerSettings settings =
        TrainerSettings.fromEnvironment(false)
            .withDataCache(data)
            .withTrack(SMALL)
            .withMemoryLimit(3L << 30, 256L << 20);
    trainer = new Trainer(settings);
    inference = new Inference(settings, 1);
    tiny = keep(trainer, "Tiny", 3);
    otherTiny = keep(trainer, "Tiny", 4);
    learnsWhilePrompted = keep(trainer, "LearnsWhilePrompted", 1);
  }

  private static TrainedModel keep(Trainer trainer, String name, long seed) throws Exception {
    return trainer.runKeepingParameters(
        new RunSpec(SMALL.id(), experiment(name), seed, Budget.steps(4), 1),
        ProgressListener.NONE,
        folder.resolve(name + "-" + seed + ".bin"));
  }

  static String experiment(String name) throws IOException {
    try (InputStream in =
        InferenceTest.class.getResourceAsStream("/experiments/" + name + ".java")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * One forward pass of Tiny (width 16, 2 heads of 8, MLP 32, vocabulary 256) over {@code t}
   * tokens, counted by hand: the linear products forward only (no gradients in inference),
   * 2·t·in·out for qkv 16→48, projection 16→16, MLP 16→32 and 32→16, head 16→256; and attention's
   * Q·Kᵀ and P·V over the full t×t score matrix, each 2·heads·t·t·8.
   */
  static long tinyForwardFlops(long t) {
    return 2 * t * (16 * 48 + 16 * 16 + 16 * 32 + 32 * 16 + 16 * 256) + 2 * (2 * 2 * t * t * 8);
  }

  @Test
  void theKeptParametersAreTheRunsFinalStateAndNamedByTheirOwnHash() throws Exception {
    assertThat(ParameterFileDigest.stateHash(tiny.parameters()))
        .isEqualTo(tiny.stateHash())
        .isEqualTo(tiny.record().finalParamHash());
    assertThat(ParameterFileDigest.fileSha256(tiny.parameters()))
        .isEqualTo(tiny.parametersSha256())
        .isNotEqualTo(tiny.stateHash());
    assertThat(otherTiny.stateHash()).isNotEqualTo(tiny.stateHash());
  }

  @Test
  void aRunVoidedAtEvaluationKeepsNoParameters() {
    Path kept = folder.resolve("mutating.bin");
    // Training wrote parameters (and they were copied out) before evaluation voided the run.
    assertThatThrownBy(
            () ->
                trainer.runKeepingParameters(
                    new RunSpec(SMALL.id(), experiment("Mutating"), 1, Budget.steps(2), 1),
                    ProgressListener.NONE,
                    kept))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.EVAL_MUTATED_PARAMETERS));
    assertThat(kept).doesNotExist();
  }

  @Test
  void generationIsDeterministicReturnsExactlyTheBytesAskedAndCountsEveryForwardPass()
      throws Exception {
    InferenceRequest request = InferenceRequest.generate(SMALL.id(), 0, PROMPT, 80);
    InferenceResponse first =
        inference.infer(experiment("Tiny"), tiny.parameters(), tiny.stateHash(), request);
    InferenceResponse second =
        inference.infer(experiment("Tiny"), tiny.parameters(), tiny.stateHash(), request);

    assertThat(InferenceResponseJson.toJson(second)).isEqualTo(InferenceResponseJson.toJson(first));
    assertThat(first.output()).hasSize(80);
    assertThat(first.kind()).isEqualTo(InferenceRequest.Kind.GENERATE);
    assertThat(first.stateHash()).isEqualTo(tiny.stateHash());
    assertThat(first.hardwareClass()).isEqualTo(tiny.record().hardwareClass());
    assertThat(first.outputSha256()).isEqualTo(InferenceResponse.sha256(first.output()));
    // Byte i is predicted from the last min(7 + i, 64) tokens: the window fills after 57 bytes.
    long expected = 0;
    for (int i = 0; i < 80; i++) {
      expected += tinyForwardFlops(Math.min(PROMPT.length + i, SMALL.sequenceLength()));
    }
    assertThat(first.flops()).isEqualTo(expected);
  }

  @Test
  void theFirstGeneratedByteIsTheArgmaxOfThePromptsLastLogits() throws Exception {
    InferenceResponse response =
        inference.infer(
            experiment("Tiny"),
            tiny.parameters(),
            tiny.stateHash(),
            InferenceRequest.generate(SMALL.id(), 0, PROMPT, 2));

    Device cpu = Backend.start(1, Backend.Preference.CPU).device();
    Experiment<?> experiment = trainer.check(experiment("Tiny")).instantiate();
    LanguageModel model = experiment.model(new ModelContext(256, SMALL.sequenceLength(), cpu));
    ParameterFile.load(model.module(), tiny.parameters());
    model.module().eval();
    float[] last = new float[256];
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard();
        LongPointer tokens = new LongPointer(PROMPT.length)) {
      for (int i = 0; i < PROMPT.length; i++) {
        tokens.put(i, PROMPT[i]);
      }
      Tensor input =
          torch
              .from_blob(
                  tokens, new long[] {1, PROMPT.length}, new TensorOptions(torch.ScalarType.Long))
              .clone();
      Tensor logits = model.logits(input).select(0, 0).select(0, PROMPT.length - 1).contiguous();
      new FloatPointer(logits.data_ptr()).get(last);
    }
    int argmax = 0;
    for (int token = 1; token < 256; token++) {
      if (last[token] > last[argmax]) {
        argmax = token;
      }
    }
    assertThat(response.output()[0] & 0xff).isEqualTo(argmax);
  }

  @Test
  void scoringSumsItsLogProbabilitiesExactlyAndIsDeterministic() throws Exception {
    InferenceRequest request = InferenceRequest.score(SMALL.id(), 0, TEXT);
    InferenceResponse first =
        inference.infer(experiment("Tiny"), tiny.parameters(), tiny.stateHash(), request);
    InferenceResponse second =
        inference.infer(experiment("Tiny"), tiny.parameters(), tiny.stateHash(), request);

    assertThat(InferenceResponseJson.toJson(second)).isEqualTo(InferenceResponseJson.toJson(first));
    double[] logprobs = first.logprobs();
    assertThat(logprobs).hasSize(TEXT.length - 1);
    BigDecimal exact = BigDecimal.ZERO;
    for (double value : logprobs) {
      assertThat(value).isLessThanOrEqualTo(0.0);
      exact = exact.add(new BigDecimal(value));
    }
    assertThat(first.sum()).isEqualTo(exact.doubleValue());
    assertThat(first.bpb()).isEqualTo(-first.sum() / (Math.log(2) * (TEXT.length - 1)));
    // A model trained 4 steps is better than uniform (8 bits per byte) on English, not by much.
    assertThat(first.bpb()).isBetween(3.0, 8.0);
    // Windows of 64 predictions: 64, 64 and the rest.
    int targets = TEXT.length - 1;
    long expected = 0;
    for (int start = 0; start < targets; start += 64) {
      expected += tinyForwardFlops(Math.min(64, targets - start));
    }
    assertThat(first.flops()).isEqualTo(expected);
  }

  @Test
  void anotherRunsParametersAreRefused() {
    assertThatThrownBy(
            () ->
                inference.infer(
                    experiment("Tiny"),
                    otherTiny.parameters(),
                    tiny.stateHash(),
                    InferenceRequest.generate(SMALL.id(), 0, PROMPT, 4)))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.PARAMETERS_MISMATCH);
              assertThat(e.getMessage()).contains(otherTiny.stateHash(), tiny.stateHash());
            });
  }

  @Test
  void parametersThatDoNotFitTheSourcesModelAreRefusedByTheChild() {
    assertThatThrownBy(
            () ->
                inference.infer(
                    experiment("LearnsWhilePrompted"),
                    tiny.parameters(),
                    tiny.stateHash(),
                    InferenceRequest.generate(SMALL.id(), 0, PROMPT, 4)))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.PARAMETERS_MISMATCH);
              assertThat(e.getMessage()).contains("does not fit the experiment's model");
            });
  }

  @Test
  void aModelThatLearnsDuringInferenceIsRefused() {
    // It passed its run: evaluation feeds whole windows, a prompt is shorter.
    assertThat(learnsWhilePrompted.record().valBpb()).isPositive();
    assertThatThrownBy(
            () ->
                inference.infer(
                    experiment("LearnsWhilePrompted"),
                    learnsWhilePrompted.parameters(),
                    learnsWhilePrompted.stateHash(),
                    InferenceRequest.generate(SMALL.id(), 0, PROMPT, 4)))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INFERENCE_MUTATED_PARAMETERS);
              assertThat(e.getMessage()).contains("changed during inference");
            });
  }

  @Test
  void anUnknownTrackIsRefusedBeforeAnyChildStarts() {
    assertThatThrownBy(
            () ->
                inference.infer(
                    experiment("Tiny"),
                    tiny.parameters(),
                    tiny.stateHash(),
                    InferenceRequest.generate("no-such-track", 0, PROMPT, 4)))
        .isInstanceOfSatisfying(
            TrainerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TRACK));
  }
}
