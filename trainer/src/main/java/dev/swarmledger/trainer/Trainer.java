package dev.swarmledger.trainer;

import dev.swarmledger.trainer.TrainerException.Reason;
import dev.swarmledger.trainer.data.DataMismatchException;
import dev.swarmledger.trainer.data.Split;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.harness.ParameterFileDigest;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.sandbox.ChildJob;
import dev.swarmledger.trainer.sandbox.ChildProcess;
import dev.swarmledger.trainer.sandbox.CompilationFailedException;
import dev.swarmledger.trainer.sandbox.CompiledExperiment;
import dev.swarmledger.trainer.sandbox.ExperimentCompiler;
import dev.swarmledger.trainer.sandbox.SourceRefusedException;
import dev.swarmledger.trainer.track.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Runs an experiment the trusted way: compile and allowlist-check the source here, train in a child
 * process that holds only the training split, score in a second child process that gets the trained
 * state and the validation split, and assemble the {@link RunRecord}. No experiment code runs in
 * this JVM, so a verifier's keys and state stay out of its reach.
 */
public final class Trainer {
  private final TrainerSettings settings;
  private final ExperimentCompiler compiler;
  private final ChildProcess children;

  public Trainer(TrainerSettings settings) {
    this.settings = settings;
    String classPath = System.getProperty("java.class.path");
    this.compiler = new ExperimentCompiler(classPath);
    this.children =
        new ChildProcess(
            classPath,
            settings.heapBytes(),
            settings.memoryLimitBytes(),
            settings.containment(),
            mayUseCuda(settings.device()));
  }

  /**
   * Whether children get the GPU: when CUDA is required, or allowed and this host has NVIDIA
   * devices. Decided here, at run time, so one build serves both kinds of host.
   */
  public static boolean mayUseCuda(Backend.Preference device) {
    return device == Backend.Preference.CUDA
        || (device == Backend.Preference.AUTO && Files.exists(Path.of("/dev/nvidiactl")));
  }

  public TrainerSettings settings() {
    return settings;
  }

  /**
   * Compiles {@code source} and checks it against the allowlist, without running anything.
   *
   * @throws TrainerException with {@link Reason#SOURCE_REFUSED} or {@link Reason#COMPILE_ERROR}
   */
  public CompiledExperiment check(String source) throws TrainerException {
    try {
      return compiler.compile(source);
    } catch (SourceRefusedException e) {
      throw new TrainerException(Reason.SOURCE_REFUSED, e.getMessage(), e);
    } catch (CompilationFailedException e) {
      throw new TrainerException(Reason.COMPILE_ERROR, e.getMessage(), e);
    }
  }

  /**
   * Runs {@code spec} to a record.
   *
   * @throws TrainerException if the run is void, with the reason
   */
  public RunRecord run(RunSpec spec, ProgressListener listener) throws TrainerException {
    return run(spec, listener, Optional.empty());
  }

  /**
   * Runs {@code spec} like {@link #run} and keeps the trained parameters in {@code parameters} (a
   * path that must not exist yet; nothing is left there when the run is void). The kept file's
   * state hash is checked against the record's {@code final_param_hash} before it is handed over.
   *
   * @throws TrainerException if the run is void, with the reason
   */
  public TrainedModel runKeepingParameters(RunSpec spec, ProgressListener listener, Path parameters)
      throws TrainerException {
    if (Files.exists(parameters, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("will not overwrite " + parameters);
    }
    RunRecord record = run(spec, listener, Optional.of(parameters));
    String state;
    String file;
    try {
      state = ParameterFileDigest.stateHash(parameters);
      file = ParameterFileDigest.fileSha256(parameters);
    } catch (IOException e) {
      deleteQuietly(parameters);
      throw new TrainerException(
          Reason.CHILD_FAILED, "cannot read the kept parameters: " + e.getMessage(), e);
    }
    if (!state.equals(record.finalParamHash())) {
      deleteQuietly(parameters);
      throw new TrainerException(
          Reason.PARAMETERS_MISMATCH,
          "the kept parameters hash to "
              + state
              + ", training reported "
              + record.finalParamHash());
    }
    return new TrainedModel(record, parameters, file);
  }

  private RunRecord run(RunSpec spec, ProgressListener listener, Optional<Path> keep)
      throws TrainerException {
    long start = System.nanoTime();
    settings.requireCudaHostWhenAsked();
    Track track = settings.requireTrack(spec.track());
    listener.phase("compile");
    CompiledExperiment compiled = check(spec.source());
    listener.phase("data");
    Split split = Split.of(readData(track), track.split());
    Optional<Duration> limit = wallTimeLimit(spec.budget());
    long deadline = limit.map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
    Path folder = null;
    Path kept = null;
    boolean recorded = false;
    try {
      // Each child reads one folder and writes another, all inside a folder private to this user:
      // the training child never sees the validation split, and the evaluation child sees no
      // file of the training child's but the parameters, whose hash it checks.
      folder = Files.createTempDirectory("swarm-run-");
      Path trainIn = Files.createDirectory(folder.resolve("train-in"));
      Path trainOut = Files.createDirectory(folder.resolve("train-out"));
      compiled.write(trainIn.resolve("classes.bin"));
      Files.write(trainIn.resolve("train.bin"), split.train());
      long steps =
          spec.budget() instanceof Budget.Steps ? ((Budget.Steps) spec.budget()).steps() : 0;
      double seconds =
          spec.budget() instanceof Budget.Seconds ? ((Budget.Seconds) spec.budget()).seconds() : 0;
      long flops =
          spec.budget() instanceof Budget.Flops ? ((Budget.Flops) spec.budget()).flops() : 0;
      writeJob(trainIn, spec, track, steps, seconds, flops, "");
      ChildProcess.Outcome trainedOutcome =
          children.run(
              "train",
              trainIn,
              trainOut,
              folder.resolve("train-stderr.log"),
              remaining(deadline, limit),
              line -> relay(line, listener));
      ChildJob.Trained trained =
          answer(trainOut, trainedOutcome, "trained.json", ChildJob.Trained.class, "training");
      if (steps > 0 && trained.steps() != steps) {
        throw new TrainerException(
            Reason.CHILD_FAILED,
            "training reported " + trained.steps() + " steps, " + steps + " were asked");
      }

      listener.phase("evaluate");
      Path evalIn = Files.createDirectory(folder.resolve("eval-in"));
      Path evalOut = Files.createDirectory(folder.resolve("eval-out"));
      compiled.write(evalIn.resolve("classes.bin"));
      if (keep.isPresent()) {
        // Copied here, before the evaluation child runs: the kept file is the one training wrote.
        Files.copy(trainOut.resolve("parameters.bin"), keep.get());
        kept = keep.get();
      }
      Files.move(trainOut.resolve("parameters.bin"), evalIn.resolve("parameters.bin"));
      Files.write(evalIn.resolve("validation.bin"), split.validation());
      writeJob(evalIn, spec, track, trained.steps(), 0, 0, trained.finalParamHash());
      ChildProcess.Outcome evaluatedOutcome =
          children.run(
              "evaluate",
              evalIn,
              evalOut,
              folder.resolve("evaluate-stderr.log"),
              remaining(deadline, limit),
              line -> relay(line, listener));
      ChildJob.Evaluated evaluated =
          answer(
              evalOut, evaluatedOutcome, "evaluated.json", ChildJob.Evaluated.class, "evaluation");

      double total = (System.nanoTime() - start) / 1e9;
      RunRecord record =
          new RunRecord(
              track.id(),
              spec.seed(),
              compiled.sourceSha256(),
              trained.steps(),
              seconds > 0 ? OptionalDouble.of(seconds) : OptionalDouble.empty(),
              trained.tokens(),
              trained.flops(),
              trained.parameterCount(),
              evaluated.valBpb(),
              evaluated.targets(),
              evaluated.bytes(),
              trained.losses(),
              track.hashInterval(),
              trained.segmentHashes(),
              trained.finalParamHash(),
              trained.trainingSeconds(),
              total,
              trained.device(),
              trained.libtorchVersion(),
              trained.dtype(),
              trained.threads(),
              children.containment().name(),
              trained.hardwareClass(),
              trained.deviceModel(),
              trained.determinism().algorithms(),
              trained.determinism().attention(),
              trained.determinism().cublasWorkspace());
      recorded = true;
      return record;
    } catch (IOException e) {
      throw new TrainerException(
          Reason.CHILD_FAILED, "run folder I/O failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.CHILD_FAILED, "interrupted", e);
    } finally {
      deleteQuietly(folder);
      if (!recorded) {
        // A void run keeps nothing: its parameters are no model of any result.
        deleteQuietly(kept);
      }
    }
  }

  private byte[] readData(Track track) throws TrainerException {
    try {
      return settings.dataCache().read(track.dataSet());
    } catch (DataMismatchException e) {
      throw new TrainerException(Reason.DATA_MISMATCH, e.getMessage(), e);
    } catch (IOException e) {
      throw new TrainerException(
          Reason.DATA_UNAVAILABLE,
          "cannot obtain "
              + track.dataSet().fileName()
              + " from "
              + track.dataSet().url()
              + " (set SWARM_DATA_MIRROR to a folder holding "
              + (track.dataSet().zipEntry().isPresent()
                  ? track.dataSet().downloadName() + " or " + track.dataSet().fileName()
                  : "it")
              + " to work offline): "
              + e.getMessage(),
          e);
    }
  }

  private Optional<Duration> wallTimeLimit(Budget budget) {
    if (settings.wallTimeLimit().isPresent()) {
      return settings.wallTimeLimit();
    }
    if (budget instanceof Budget.Seconds) {
      double seconds = ((Budget.Seconds) budget).seconds();
      return Optional.of(Duration.ofSeconds((long) Math.ceil(2 * seconds) + 300));
    }
    return Optional.empty();
  }

  private static Optional<Duration> remaining(long deadline, Optional<Duration> limit) {
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private void writeJob(
      Path folder,
      RunSpec spec,
      Track track,
      long steps,
      double seconds,
      long flops,
      String expectedHash)
      throws IOException {
    ChildJob.Spec job =
        new ChildJob.Spec(
            spec.seed(),
            steps,
            seconds,
            flops,
            spec.threads(),
            settings.device().name(),
            track.tokenizer().name(),
            track.sequenceLength(),
            track.maxBatchSize(),
            track.hashInterval(),
            track.evalTokens(),
            expectedHash);
    ChildJob.writeSpec(folder, job);
  }

  private <T> T answer(
      Path folder, ChildProcess.Outcome outcome, String file, Class<T> type, String what)
      throws TrainerException, IOException {
    return ChildJob.readAnswer(
        answerFile(folder, outcome, file, what, settings.memoryLimitBytes()), type);
  }

  /**
   * The answer file a child wrote into {@code folder}, once its ending says it may be read: a child
   * killed at a limit, one that reported a failure, or one that exited without an answer is the
   * matching {@link TrainerException} (shared by training, evaluation and inference).
   *
   * @param what the child's work, for messages ("training", "inference")
   */
  public static Path answerFile(
      Path folder, ChildProcess.Outcome outcome, String file, String what, long memoryLimitBytes)
      throws TrainerException, IOException {
    if (outcome.ending() == ChildProcess.Ending.TIME_LIMIT) {
      throw new TrainerException(
          Reason.TIME_LIMIT, what + " exceeded the wall-time limit and was killed");
    }
    if (outcome.ending() == ChildProcess.Ending.MEMORY_LIMIT) {
      throw new TrainerException(
          Reason.MEMORY_LIMIT,
          what
              + " exceeded the memory limit of "
              + (memoryLimitBytes >> 20)
              + " MiB and was killed");
    }
    Optional<ChildJob.Failure> failure = ChildJob.failure(folder);
    if (failure.isPresent()) {
      Reason reason;
      try {
        reason = Reason.valueOf(failure.get().reason());
      } catch (IllegalArgumentException e) {
        reason = Reason.CHILD_FAILED;
      }
      throw new TrainerException(reason, what + ": " + failure.get().message());
    }
    Path answer = folder.resolve(file);
    if (outcome.exitCode() != 0 || !Files.isRegularFile(answer)) {
      throw new TrainerException(
          Reason.CHILD_FAILED,
          what + " process exited with status " + outcome.exitCode() + ": " + outcome.stderrTail());
    }
    return answer;
  }

  private static void relay(String line, ProgressListener listener) {
    if (line.startsWith("@step ")) {
      String[] parts = line.split(" ");
      if (parts.length == 4) {
        try {
          OptionalDouble loss =
              parts[3].equals("nan")
                  ? OptionalDouble.empty()
                  : OptionalDouble.of(Double.parseDouble(parts[3]));
          listener.step(Long.parseLong(parts[1]), Long.parseLong(parts[2]), loss);
          return;
        } catch (NumberFormatException e) {
          // fall through: show the line as it is
        }
      }
    } else if (line.startsWith("@phase ")) {
      listener.phase(line.substring(7));
      return;
    } else if (line.startsWith("@log ")) {
      listener.log(line.substring(5));
      return;
    }
    listener.log(line);
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
