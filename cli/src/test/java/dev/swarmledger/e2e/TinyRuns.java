package dev.swarmledger.e2e;

import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.track.Track;
import dev.swarmledger.trainer.track.Tracks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tiny experiments of the end-to-end tests and their real training runs on the CPU track. One
 * thread per run: the replay must use the same count, and on a shared two-core machine one thread
 * is also the fastest. Runs are memoised per (source, seed, steps), since training is
 * deterministic.
 */
final class TinyRuns {
  static final String TRACK = "shakespeare-char";
  static final long STEPS = 20;
  static final long SEED = 1;
  static final int THREADS = 1;

  /** The trainer of the built-in track: what every {@code swarm} process uses. */
  static final Trainer STANDARD = trainer(Tracks.SHAKESPEARE_CHAR);

  /**
   * The built-in track scored on 8,192 validation tokens instead of 110,592: evaluation is most of
   * a tiny run's time. Only for swarms whose every participant runs in this JVM (contributor,
   * cheater and verifiers must score alike); never mixed with {@code swarm} processes.
   */
  static final Trainer QUICK = trainer(Tracks.SHAKESPEARE_CHAR.withEvalTokens(8_192));

  private static final Map<List<Object>, RunRecord> RUNS = new ConcurrentHashMap<>();

  private TinyRuns() {}

  /** One block of width 32, 4 rows per step: the tiny baseline. */
  static String baseline() {
    return resource("TinyBaseline.java");
  }

  /** The tiny baseline with a 5x higher AdamW rate: beats it by far more than min_improvement. */
  static String improved() {
    return resource("TinyImproved.java");
  }

  /**
   * {@code source} with a comment line added: another source (another SHA-256, so another result)
   * that trains exactly the same, since comments never reach the compiled class.
   */
  static String noted(String source, String note) {
    int end = source.indexOf('\n') + 1;
    return source.substring(0, end) + "// " + note + "\n" + source.substring(end);
  }

  static String resource(String name) {
    try (InputStream in = TinyRuns.class.getResourceAsStream("/e2e/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource e2e/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Trainer trainer(Track track) {
    return new Trainer(
        TrainerSettings.fromEnvironment(false)
            .withTrack(track)
            .withWallTimeLimit(Duration.ofMinutes(5)));
  }

  /** A real run of {@code source} on the track with {@code trainer} (memoised). */
  static RunRecord train(Trainer trainer, String source, long seed, long steps) {
    return RUNS.computeIfAbsent(
        List.of(trainer, source, seed, steps),
        k -> {
          try {
            return trainer.run(
                new RunSpec(TRACK, source, seed, Budget.steps(steps), THREADS),
                ProgressListener.NONE);
          } catch (TrainerException e) {
            throw new AssertionError("the tiny experiment did not train: " + e.getMessage(), e);
          }
        });
  }

  static RunRecord train(Trainer trainer, String source) {
    return train(trainer, source, SEED, STEPS);
  }
}
