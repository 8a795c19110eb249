package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.experiment.Autocast;
import dev.swarmledger.trainer.experiment.Batch;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import dev.swarmledger.trainer.experiment.optim.AdamWOptimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.bytedeco.pytorch.Tensor;

/**
 * The start-up self-check of a hardware class: trains a small GPT a few steps twice, under the
 * harness's settings and in the precision a GPU run would use (bf16 autocast on CUDA), and compares
 * the parameter hashes. A class whose two runs differ cannot verify anything, so a verifier refuses
 * to start on it ({@code swarm doctor} shows the result).
 */
public final class DeterminismCheck {
  /** Steps per run: enough for the optimiser state to feed back into the weights. */
  public static final int STEPS = 4;

  private static final int SEQUENCE = 64;
  private static final int ROWS = 8;

  /**
   * The two runs' hashes.
   *
   * @param precision what the runs trained in
   */
  public record Outcome(String first, String second, String precision) {
    public boolean reproducible() {
      return first.equals(second);
    }
  }

  /** Something to train twice; the harness's probe experiment unless a test gives another. */
  @FunctionalInterface
  interface Training {
    String finalHash(Backend backend, Path parameters) throws IOException;
  }

  private DeterminismCheck() {}

  /**
   * Runs the check on this machine's backend at {@code threads} threads: empty when two runs agree,
   * else why this machine cannot verify (for {@code swarm verifier}, which refuses to start, and
   * {@code swarm doctor}).
   */
  public static java.util.Optional<String> problem(int threads) {
    try {
      Backend backend = Backend.start(threads, Backend.Preference.AUTO);
      Outcome outcome = run(backend);
      return outcome.reproducible()
          ? java.util.Optional.empty()
          : java.util.Optional.of(
              "two runs of the determinism self-check on "
                  + HardwareClass.measure(backend)
                  + " ended at different parameters ("
                  + outcome.first()
                  + " and "
                  + outcome.second()
                  + "): this machine cannot reproduce a run bit for bit");
    } catch (BackendUnavailableException | IOException | RuntimeException e) {
      return java.util.Optional.of("the determinism self-check could not run: " + e.getMessage());
    }
  }

  /** Runs the check on {@code backend} (started by this process: settings in force). */
  public static Outcome run(Backend backend) throws IOException {
    return run(backend, DeterminismCheck::trainProbe);
  }

  static Outcome run(Backend backend, Training training) throws IOException {
    Path folder = Files.createTempDirectory("swarm-determinism");
    try {
      String first = training.finalHash(backend, folder.resolve("first.bin"));
      String second = training.finalHash(backend, folder.resolve("second.bin"));
      return new Outcome(first, second, backend.isCuda() ? "bfloat16-autocast" : "float32");
    } finally {
      try (var files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(folder);
    }
  }

  private static String trainProbe(Backend backend, Path parameters) throws IOException {
    int[] tokens = new int[16_384];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = random.nextInt(256);
    }
    ModelContext context = new ModelContext(256, SEQUENCE, backend.device());
    TrainingSession session =
        new TrainingSession(context, tokens, 7, ROWS, STEPS, (s, t, l) -> {}, line -> {});
    return session.train(new Probe(backend.isCuda()), STEPS, parameters).finalParamHash();
  }

  /** Two blocks of width 64 with AdamW; bf16 autocast on CUDA. */
  private static final class Probe implements Experiment<Gpt> {
    private final boolean bf16;

    Probe(boolean bf16) {
      this.bf16 = bf16;
    }

    @Override
    public Gpt model(ModelContext context) {
      return new Gpt(GptConfig.of(2, 64, 2), context);
    }

    @Override
    public void train(Gpt model, TrainingLoop loop) {
      if (bf16) {
        Autocast.bf16(loop.device());
      }
      AdamWOptimizer adamW = new AdamWOptimizer(model.allParameters(), 0.01);
      while (loop.hasNext()) {
        Batch batch = loop.next(ROWS);
        Tensor loss = model.loss(batch.inputs(), batch.targets());
        loss.backward();
        adamW.step(1.0);
        adamW.zeroGrad();
        loop.recordLoss(loss);
      }
    }
  }
}
