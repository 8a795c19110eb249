package dev.swarmledger.trainer.run;

import java.util.Objects;

/**
 * What to run: an experiment's source on a track with a seed, a budget and a thread count. Results
 * are bitwise reproducible for the same spec on the same backend (CPU: same thread count).
 *
 * @param threads intra-op threads libtorch may use; recorded, and part of what makes a replay exact
 */
public record RunSpec(String track, String source, long seed, Budget budget, int threads) {

  public RunSpec {
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(budget, "budget");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }

  /** A spec using every available processor. */
  public static RunSpec of(String track, String source, long seed, Budget budget) {
    return new RunSpec(track, source, seed, budget, Runtime.getRuntime().availableProcessors());
  }

  /** The spec that replays {@code record} exactly: same track, seed, step count and threads. */
  public static RunSpec replay(RunRecord record, String source) {
    return new RunSpec(
        record.track(), source, record.seed(), Budget.steps(record.steps()), record.threads());
  }
}
