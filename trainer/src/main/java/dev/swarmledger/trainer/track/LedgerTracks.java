package dev.swarmledger.trainer.track;

import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.data.DataSet;
import dev.swarmledger.trainer.run.Budget;
import java.util.Optional;

/**
 * Tracks as the ledger defines them: the data set (URL, SHA-256, length, zip entry) and the FLOP
 * budget come from the {@link TrackSpec}; the harness settings come from its workload. So a
 * verifier or contributor runs any track the operator created, not only the ones this build knows.
 */
public final class LedgerTracks {
  /** The one workload this build runs: bytes as tokens, 256-token windows, the GPT harness. */
  public static final String GPT_BYTES = "gpt-bytes";

  private LedgerTracks() {}

  /** The trainer's track for {@code spec}; refuses a workload this build does not know. */
  public static Track of(TrackSpec spec) throws TrainerException {
    if (!spec.workload().equals(GPT_BYTES)) {
      throw new TrainerException(
          TrainerException.Reason.UNKNOWN_TRACK,
          "track " + spec.id() + " needs workload " + spec.workload() + ", not in this build");
    }
    return new Track(
        spec.id(),
        DataSet.of(spec.id() + ".data", spec.data()),
        new ByteTokenizer(),
        0.9,
        256,
        110_592,
        Budget.flops(spec.budgetFlops()),
        256,
        50);
  }

  /**
   * {@code trainer}, or one that also knows {@code spec}: a built-in track of the same id (with its
   * harness settings) is kept only while the ledger's data is the one it was built for. Replays run
   * by steps, and contributors take the ledger's budget, so only the data must agree.
   */
  public static Trainer covering(Trainer trainer, TrackSpec spec) throws TrainerException {
    Optional<Track> known = trainer.settings().track(spec.id());
    if (known.isPresent() && matches(known.get(), spec)) {
      return trainer;
    }
    return new Trainer(trainer.settings().withTrack(of(spec)));
  }

  private static boolean matches(Track t, TrackSpec spec) {
    return t.dataSet().sha256().equals(spec.data().sha256().hex())
        && t.dataSet().length() == spec.data().bytes();
  }
}
