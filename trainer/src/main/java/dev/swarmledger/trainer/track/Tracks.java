package dev.swarmledger.trainer.track;

import dev.swarmledger.trainer.data.ByteTokenizer;
import dev.swarmledger.trainer.data.DataSet;
import dev.swarmledger.trainer.run.Budget;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The tracks this build knows. */
public final class Tracks {
  private Tracks() {}

  /** tiny-shakespeare, bytes as tokens, 256-token windows, 60 s of training by default. */
  public static final Track SHAKESPEARE_CHAR =
      new Track(
          "shakespeare-char",
          new DataSet(
              "tinyshakespeare.txt",
              URI.create(
                  "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"),
              "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
              1_115_394),
          new ByteTokenizer(),
          0.9,
          256,
          110_592,
          Budget.seconds(60),
          256,
          50);

  /**
   * The same data with 64-token windows, 16,384 evaluation targets and 50 steps by default: for
   * smoke runs, tests and CI, where a run must take seconds.
   */
  public static final Track SHAKESPEARE_CHAR_SMALL =
      new Track(
          "shakespeare-char-small",
          SHAKESPEARE_CHAR.dataSet(),
          new ByteTokenizer(),
          0.9,
          64,
          16_384,
          Budget.steps(50),
          64,
          10);

  public static List<Track> all() {
    return List.of(SHAKESPEARE_CHAR, SHAKESPEARE_CHAR_SMALL);
  }

  public static Optional<Track> byId(String id) {
    return all().stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
