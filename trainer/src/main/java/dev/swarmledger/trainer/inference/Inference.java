package dev.swarmledger.trainer.inference;

import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerException.Reason;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.harness.ParameterFileDigest;
import dev.swarmledger.trainer.sandbox.ChildJob;
import dev.swarmledger.trainer.sandbox.ChildProcess;
import dev.swarmledger.trainer.sandbox.CompiledExperiment;
import dev.swarmledger.trainer.track.Track;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs inference on the model of a result the trusted way, for the worker that takes an inference
 * job and the verifier that re-runs it: the source is compiled and allowlist-checked here, the
 * parameters file is refused unless it holds the expected state ({@code final_param_hash}), and the
 * model runs in a contained child process ({@code ChildMain infer}) that gets the compiled
 * experiment, the parameters and the request, never any data split, under the same wall-time,
 * memory and sandbox limits as training. Greedy decoding and scoring are deterministic within a
 * hardware class, so a verifier's response equals the worker's byte for byte.
 */
public final class Inference {
  private final TrainerSettings settings;
  private final int threads;
  private final Trainer compiler;
  private final ChildProcess children;

  /**
   * @param threads libtorch's intra-op threads in the child (on the CPU part of the hardware class)
   */
  public Inference(TrainerSettings settings, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.settings = settings;
    this.threads = threads;
    this.compiler = new Trainer(settings);
    this.children =
        new ChildProcess(
            System.getProperty("java.class.path"),
            settings.heapBytes(),
            settings.memoryLimitBytes(),
            settings.containment(),
            Trainer.mayUseCuda(settings.device()));
  }

  /**
   * Answers {@code request} with the model that {@code source} defines and {@code parametersFile}
   * holds.
   *
   * @param expectedStateHash the result's {@code final_param_hash}; the file must hold exactly it
   * @throws TrainerException {@code PARAMETERS_MISMATCH} (the file is not that state or does not
   *     fit the model), {@code INFERENCE_MUTATED_PARAMETERS}, {@code UNKNOWN_TRACK}, {@code
   *     SOURCE_REFUSED}, {@code COMPILE_ERROR}, {@code EVALUATION_FAILED} (unusable logits), {@code
   *     TIME_LIMIT}, {@code MEMORY_LIMIT}, {@code BACKEND_UNAVAILABLE} or {@code CHILD_FAILED}
   */
  public InferenceResponse infer(
      String source, Path parametersFile, String expectedStateHash, InferenceRequest request)
      throws TrainerException {
    if (expectedStateHash == null || !expectedStateHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("the expected state hash must be 64 lower-case hex");
    }
    settings.requireCudaHostWhenAsked();
    Track track = settings.requireTrack(request.track());
    if (!track.tokenizer().name().equals("bytes")) {
      throw new TrainerException(
          Reason.UNKNOWN_TRACK,
          "track " + track.id() + " is not byte-tokenized; inference serves byte tracks only");
    }
    CompiledExperiment compiled = compiler.check(source);
    Path folder = null;
    try {
      folder = Files.createTempDirectory("swarm-infer-");
      Path in = Files.createDirectory(folder.resolve("infer-in"));
      Path out = Files.createDirectory(folder.resolve("infer-out"));
      Path parameters = in.resolve("parameters.bin");
      Files.copy(parametersFile, parameters);
      // The copy the child will read is checked, before any experiment code runs.
      requireState(parameters, expectedStateHash);
      compiled.write(in.resolve("classes.bin"));
      ChildJob.writeSpec(
          in,
          new ChildJob.Spec(
              request.seed(),
              0,
              0,
              0,
              threads,
              settings.device().name(),
              track.tokenizer().name(),
              track.sequenceLength(),
              track.maxBatchSize(),
              track.hashInterval(),
              0,
              expectedStateHash));
      Files.writeString(
          in.resolve(ChildJob.REQUEST),
          InferenceRequestJson.toJson(request),
          StandardCharsets.UTF_8);
      ChildProcess.Outcome outcome =
          children.run(
              "infer",
              in,
              out,
              folder.resolve("infer-stderr.log"),
              settings.wallTimeLimit(),
              line -> {});
      InferenceResponse response = answer(out, outcome);
      requireAnswers(request, expectedStateHash, response);
      return response;
    } catch (IOException e) {
      throw new TrainerException(
          Reason.CHILD_FAILED, "inference folder I/O failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.CHILD_FAILED, "interrupted", e);
    } finally {
      deleteQuietly(folder);
    }
  }

  private static void requireState(Path parameters, String expected) throws TrainerException {
    String state;
    try {
      state = ParameterFileDigest.stateHash(parameters);
    } catch (IOException e) {
      throw new TrainerException(
          Reason.PARAMETERS_MISMATCH, "not a usable parameters file: " + e.getMessage(), e);
    }
    if (!state.equals(expected)) {
      throw new TrainerException(
          Reason.PARAMETERS_MISMATCH,
          "the parameters file holds state " + state + ", expected " + expected);
    }
  }

  /** The child's answer must be an answer to this request, from this state. */
  private static void requireAnswers(
      InferenceRequest request, String expectedStateHash, InferenceResponse response)
      throws TrainerException {
    String problem = null;
    if (response.kind() != request.kind()) {
      problem = "a " + response.kind().jsonName() + " response to a " + request.kind().jsonName();
    } else if (!response.stateHash().equals(expectedStateHash)) {
      problem = "the response names state " + response.stateHash();
    } else if (request.kind() == InferenceRequest.Kind.GENERATE
        && response.output().length != request.bytes()) {
      problem = response.output().length + " bytes generated, " + request.bytes() + " asked";
    } else if (request.kind() == InferenceRequest.Kind.SCORE
        && response.logprobs().length != request.inputLength() - 1) {
      problem =
          response.logprobs().length
              + " log-probabilities for a text of "
              + request.inputLength()
              + " bytes";
    }
    if (problem != null) {
      throw new TrainerException(Reason.CHILD_FAILED, "inference answered wrongly: " + problem);
    }
  }

  private InferenceResponse answer(Path folder, ChildProcess.Outcome outcome)
      throws TrainerException, IOException {
    Path answer =
        Trainer.answerFile(
            folder, outcome, ChildJob.INFERRED, "inference", settings.memoryLimitBytes());
    try {
      return InferenceResponseJson.fromJson(Files.readString(answer, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new TrainerException(
          Reason.CHILD_FAILED, "inference wrote an invalid response: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp folder is harmless.
    }
  }
}
