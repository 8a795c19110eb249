package dev.swarmledger.trainer.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.trainer.harness.Determinism;
import dev.swarmledger.trainer.run.LossSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a child process is asked to do, and what it answers: small JSON files in the run's job
 * folder. The folder holds {@code classes.bin} and {@code train.bin} for training; {@code
 * validation.bin} is written only after the training child has exited. An inference child gets
 * {@code classes.bin}, {@code parameters.bin} and {@code request.json}, never any split.
 */
public final class ChildJob {
  static final String JOB = "job.json";
  static final String CLASSES = "classes.bin";
  static final String TRAIN = "train.bin";
  static final String VALIDATION = "validation.bin";
  static final String PARAMETERS = "parameters.bin";
  static final String TRAINED = "trained.json";
  static final String EVALUATED = "evaluated.json";
  static final String FAILURE = "failure.json";

  /** The inference child's request ({@code InferenceRequestJson}), beside the job. */
  public static final String REQUEST = "request.json";

  /** The inference child's answer ({@code InferenceResponseJson}). */
  public static final String INFERRED = "inferred.json";

  static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private ChildJob() {}

  /**
   * The job: seeds, budget, track facts, backend, and (for evaluation) the hash training reported.
   */
  public record Spec(
      long seed,
      long steps,
      double seconds,
      long flops,
      int threads,
      String device,
      String tokenizer,
      int sequenceLength,
      int maxBatchSize,
      int hashInterval,
      long evalTokens,
      String expectedParamHash) {}

  /** The training child's answer. */
  public record Trained(
      long steps,
      long tokens,
      long parameterCount,
      List<LossSample> losses,
      List<String> segmentHashes,
      String finalParamHash,
      double trainingSeconds,
      long flops,
      String device,
      String libtorchVersion,
      String dtype,
      int threads,
      String hardwareClass,
      String deviceModel,
      Determinism.Settings determinism) {}

  /** The evaluation child's answer. */
  public record Evaluated(double valBpb, long targets, long bytes) {}

  /** A child's reason code (a {@code TrainerException.Reason} name) and message. */
  public record Failure(String reason, String message) {}

  /** Writes the job description into the run folder. */
  public static void writeSpec(Path folder, Spec spec) throws IOException {
    write(folder.resolve(JOB), spec);
  }

  /** The child's failure report, if it wrote one. */
  public static java.util.Optional<Failure> failure(Path folder) throws IOException {
    Path file = folder.resolve(FAILURE);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(read(file, Failure.class));
  }

  /** A child's answer file. */
  public static <T> T readAnswer(Path file, Class<T> type) throws IOException {
    return read(file, type);
  }

  static <T> T read(Path file, Class<T> type) throws IOException {
    return MAPPER.readValue(file.toFile(), type);
  }

  static void write(Path file, Object value) throws IOException {
    MAPPER.writeValue(file.toFile(), value);
  }
}
