package dev.swarmledger.trainer.track;

import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.data.DataSet;
import dev.swarmledger.trainer.run.Budget;
import java.util.List;
import java.util.Optional;

/**
 * The harness settings of the tracks this build knows. What a track is on the ledger (its id, data
 * set URL, SHA-256 and size) comes from the protocol's definition, never spelled again here.
 */
public final class Tracks {
  private Tracks() {}

  /**
   * tiny-shakespeare, bytes as tokens, 256-token windows, 5.0·10^12 counted FLOPs of training by
   * default: about 90 s of the baseline on a 2-core machine (docs/benchmarks.md).
   */
  public static final Track SHAKESPEARE_CHAR =
      new Track(
          DefaultTracks.SHAKESPEARE_CHAR.id(),
          DataSet.of("tinyshakespeare.txt", DefaultTracks.SHAKESPEARE_CHAR.data()),
          new ByteTokenizer(),
          ByteSplit.ofFraction(
              DefaultTracks.SHAKESPEARE_CHAR.data().bytes(), LedgerTracks.DEFAULT_TRAIN_FRACTION),
          256,
          LedgerTracks.DEFAULT_EVAL_TOKENS,
          Budget.flops(DefaultTracks.SHAKESPEARE_CHAR.budgetFlops()),
          256,
          50);

  /**
   * The same data with 64-token windows, 16,384 evaluation targets and 10^11 FLOPs by default
   * (about 14 steps of the baseline): for smoke runs, tests and CI, where a run must take seconds.
   */
  public static final Track SHAKESPEARE_CHAR_SMALL =
      new Track(
          "shakespeare-char-small",
          SHAKESPEARE_CHAR.dataSet(),
          new ByteTokenizer(),
          SHAKESPEARE_CHAR.split(),
          64,
          16_384,
          Budget.flops(100_000_000_000L),
          64,
          10);

  /**
   * enwik8 as the ledger defines it (DefaultTracks.ENWIK8): the zip's {@code enwik8} entry, 90M
   * bytes train and the next 5M validate, all 5M scored in 256-byte windows, a budget of 8·10^15
   * FLOPs. A GPU track: 100 MB of data, and an evaluation of 5M targets. Cached as {@code enwik8},
   * so a mirror may hold the archive ({@code enwik8.zip}) or the extracted file.
   */
  public static final Track ENWIK8 = LedgerTracks.gptBytes("enwik8", DefaultTracks.ENWIK8);

  public static List<Track> all() {
    return List.of(SHAKESPEARE_CHAR, SHAKESPEARE_CHAR_SMALL, ENWIK8);
  }

  public static Optional<Track> byId(String id) {
    return all().stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
