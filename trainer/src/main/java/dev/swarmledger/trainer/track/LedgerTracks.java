package dev.swarmledger.trainer.track;

import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.data.DataSet;
import dev.swarmledger.trainer.run.Budget;
import java.util.Optional;

/**
 * Tracks as the ledger defines them: the data set (URL, SHA-256, length, zip entry and archive
 * hash), the split and the FLOP budget come from the {@link TrackSpec}; the harness settings come
 * from its workload. So a verifier or contributor runs any track the operator created, not only the
 * ones this build knows.
 */
public final class LedgerTracks {
  /** The one workload this build runs: bytes as tokens, 256-token windows, the GPT harness. */
  public static final String GPT_BYTES = "gpt-bytes";

  /** The split of a {@code gpt-bytes} track that states none: the first 90% of the bytes train. */
  static final double DEFAULT_TRAIN_FRACTION = 0.9;

  /** Validation targets scored when the track does not state its split (tiny-shakespeare's). */
  static final long DEFAULT_EVAL_TOKENS = 110_592;

  private static final int SEQUENCE_LENGTH = 256;

  private LedgerTracks() {}

  /** The trainer's track for {@code spec}; refuses a workload this build does not know. */
  public static Track of(TrackSpec spec) throws TrainerException {
    if (!spec.workload().equals(GPT_BYTES)) {
      throw new TrainerException(
          TrainerException.Reason.UNKNOWN_TRACK,
          "track " + spec.id() + " needs workload " + spec.workload() + ", not in this build");
    }
    return gptBytes(spec.id() + ".data", spec);
  }

  /**
   * The {@code gpt-bytes} harness over {@code spec}'s data, cached as {@code fileName}. A track
   * that states its split is scored on the whole of its validation split; one that does not, on at
   * most {@link #DEFAULT_EVAL_TOKENS} targets of the last 10%.
   */
  static Track gptBytes(String fileName, TrackSpec spec) {
    ByteSplit split =
        spec.split().orElse(ByteSplit.ofFraction(spec.data().bytes(), DEFAULT_TRAIN_FRACTION));
    long evalTokens =
        spec.split().isPresent()
            ? Math.max(SEQUENCE_LENGTH, split.validationBytes())
            : DEFAULT_EVAL_TOKENS;
    return new Track(
        spec.id(),
        DataSet.of(fileName, spec.data()),
        new ByteTokenizer(),
        split,
        SEQUENCE_LENGTH,
        evalTokens,
        Budget.flops(spec.budgetFlops()),
        256,
        50);
  }

  /**
   * {@code trainer}, or one that also knows {@code spec}: a built-in track of the same id (with its
   * harness settings) is kept only while the ledger's data and split are the ones it was built for.
   * Replays run by steps, and contributors take the ledger's budget, so only those must agree.
   */
  public static Trainer covering(Trainer trainer, TrackSpec spec) throws TrainerException {
    Optional<Track> known = trainer.settings().track(spec.id());
    if (known.isPresent() && matches(known.get(), spec)) {
      return trainer;
    }
    return new Trainer(trainer.settings().withTrack(of(spec)));
  }

  private static boolean matches(Track t, TrackSpec spec) {
    ByteSplit ledgerSplit =
        spec.split().orElse(ByteSplit.ofFraction(spec.data().bytes(), DEFAULT_TRAIN_FRACTION));
    return t.dataSet().sha256().equals(spec.data().sha256().hex())
        && t.dataSet().length() == spec.data().bytes()
        && t.split().equals(ledgerSplit);
  }
}
