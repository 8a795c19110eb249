package dev.swarmledger.trainer.jobs;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.TrainedModel;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerException.Reason;
import dev.swarmledger.trainer.inference.Inference;
import dev.swarmledger.trainer.inference.InferenceRequest;
import dev.swarmledger.trainer.inference.InferenceResponse;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.run.RunSummaries;
import dev.swarmledger.trainer.track.LedgerTracks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a swarm job with the trusted harness, in the sandbox: what a worker does for pay and what a
 * verifier does again to check it. Both sides run this same code, so on the same hardware class
 * their outputs are equal bit for bit (the protocol compares them without tolerance).
 *
 * <p>A training job trains the spec's source on its track for its FLOP budget and keeps the final
 * parameters: that file is the job's blob. An inference job loads a published model (its result's
 * source, seed and weights) and generates greedily or scores a text: the output bytes are the blob.
 */
public final class JobRunner {
  private static final Pattern CPU_THREADS = Pattern.compile("^cpu-.*-t(\\d+)$");

  private final Trainer trainer;
  private final int threads;

  /**
   * @param threads intra-op threads: part of a CPU hardware class, so worker and verifier of one
   *     class use the same count
   */
  public JobRunner(Trainer trainer, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.trainer = Objects.requireNonNull(trainer, "trainer");
    this.threads = threads;
  }

  /**
   * What running a job produced.
   *
   * @param blob the file whose SHA-256 is {@code output.blob()}: the weights or the output bytes
   * @param hardwareClass the class this machine measured while it ran
   */
  public record Ran(JobOutput output, Path blob, String hardwareClass) {}

  /** A published model: its result's source and seed, its weights file and their state hash. */
  public record Model(String track, String source, long seed, Path parameters, String stateHash) {}

  /** Trains {@code spec} on {@code track}, keeping the weights in a new file under {@code dir}. */
  public Ran train(TrainSpec spec, TrackSpec track, ProgressListener progress, Path dir)
      throws TrainerException {
    Trainer forTrack = LedgerTracks.covering(trainer, track);
    Path weights = fresh(dir, "weights");
    TrainedModel model =
        forTrack.runKeepingParameters(
            new RunSpec(
                spec.track(),
                spec.source(),
                spec.seed(),
                Budget.flops(spec.budgetFlops()),
                threads),
            progress,
            weights);
    RunSummary run =
        RunSummaries.of(model.record()).withWeights(Hash.fromHex(model.parametersSha256()));
    return new Ran(new JobOutput.Trained(run), weights, model.record().hardwareClass());
  }

  /**
   * Runs {@code spec} on {@code model}, writing the output bytes to a new file under {@code dir}.
   */
  public Ran infer(InferSpec spec, Model model, TrackSpec track, Path dir) throws TrainerException {
    Trainer forTrack = LedgerTracks.covering(trainer, track);
    Inference inference = new Inference(forTrack.settings(), threads);
    InferenceRequest request =
        spec.mode() == InferSpec.Mode.GENERATE
            ? InferenceRequest.generate(model.track(), model.seed(), spec.input(), spec.bytes())
            : InferenceRequest.score(model.track(), model.seed(), spec.input());
    long start = System.nanoTime();
    InferenceResponse response =
        inference.infer(model.source(), model.parameters(), model.stateHash(), request);
    double seconds = (System.nanoTime() - start) / 1e9;
    Path out = fresh(dir, "output");
    try {
      Files.write(out, response.outputBytes());
    } catch (IOException e) {
      throw new TrainerException(
          Reason.CHILD_FAILED, "cannot write the job's output: " + e.getMessage(), e);
    }
    return new Ran(
        new JobOutput.Inferred(Hash.fromHex(response.outputSha256()), response.flops(), seconds),
        out,
        response.hardwareClass());
  }

  /**
   * The thread count a job of {@code hardwareClass} runs with: the one a CPU class fixes ({@code
   * …-t4}), so that worker and verifier of one class compute alike; every processor otherwise.
   */
  public static int threadsFor(String hardwareClass) {
    Matcher m = CPU_THREADS.matcher(hardwareClass);
    return m.matches() ? Integer.parseInt(m.group(1)) : Runtime.getRuntime().availableProcessors();
  }

  private static Path fresh(Path dir, String what) throws TrainerException {
    try {
      Files.createDirectories(dir);
      Path file = Files.createTempFile(dir, what + "-", ".bin");
      // runKeepingParameters refuses to overwrite: hand it a name that does not exist yet.
      Files.delete(file);
      return file;
    } catch (IOException e) {
      throw new TrainerException(
          Reason.CHILD_FAILED, "cannot create a file in " + dir + ": " + e.getMessage(), e);
    }
  }
}
