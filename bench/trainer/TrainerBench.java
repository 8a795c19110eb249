// Java side of the trainer throughput benchmark: trains the built-in baseline experiment through the
// real harness (TrainingSession: batch sampler, per-step PointerScope, segment hashing) and reports the
// steady-state training tokens per second. Run by bench/trainer/run.sh with the fat jar on the class path.

import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.data.DataCache;
import dev.swarmledger.trainer.data.Split;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.harness.TrainingSession;
import dev.swarmledger.trainer.sandbox.ExperimentCompiler;
import dev.swarmledger.trainer.track.Track;
import dev.swarmledger.trainer.track.Tracks;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

public class TrainerBench {
  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(arg(args, "--threads", "2"));
    int warmup = Integer.parseInt(arg(args, "--warmup", "5"));
    int steps = Integer.parseInt(arg(args, "--steps", "30"));
    Track track = Tracks.SHAKESPEARE_CHAR;
    String source;
    try (InputStream in = TrainerBench.class.getResourceAsStream("/experiments/Baseline.java")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    @SuppressWarnings("unchecked")
    Experiment<LanguageModel> experiment =
        (Experiment<LanguageModel>) ExperimentCompiler.forThisJvm().compile(source).instantiate();
    Backend backend = Backend.start(threads, Backend.Preference.CPU);
    byte[] data = DataCache.fromEnvironment(false).read(track.dataSet());
    int[] tokens = new ByteTokenizer().encode(Split.of(data, track.split()).train());
    long[] marks = new long[2];
    TrainingSession session =
        new TrainingSession(
            new ModelContext(256, track.sequenceLength(), backend.device()),
            tokens,
            1,
            track.maxBatchSize(),
            track.hashInterval(),
            (step, total, loss) -> {
              if (step == warmup) {
                marks[0] = System.nanoTime();
              }
              if (step == total) {
                marks[1] = System.nanoTime();
              }
            },
            line -> {});
    Path parameters = Files.createTempFile("bench-", ".bin");
    try {
      TrainingSession.Result result = session.train(experiment, warmup + steps, parameters);
      double tokensPerStep = (double) result.tokens() / result.steps();
      double seconds = (marks[1] - marks[0]) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "{\"impl\": \"java\", \"threads\": %d, \"steps\": %d, \"tokens_per_step\": %.0f,"
              + " \"seconds\": %.3f, \"tokens_per_second\": %.1f, \"final_loss\": %.4f,"
              + " \"libtorch\": \"%s\"}%n",
          threads, steps, tokensPerStep, seconds, steps * tokensPerStep / seconds,
          result.losses().get(result.losses().size() - 1).loss(), backend.libtorchVersion());
    } finally {
      Files.deleteIfExists(parameters);
    }
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
