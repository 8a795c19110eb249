package dev.swarmledger.protocol.tracks;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.List;

/** The tracks a new swarm starts with, written into its genesis. */
public final class DefaultTracks {
  /**
   * The CPU track's compute budget: about 90 s of the baseline experiment on a 2-core machine, as
   * the harness counts FLOPs (docs/protocol.md, "Compute budgets").
   */
  public static final long BUDGET_FLOPS = 5_000_000_000_000L;

  /** Character-level language modelling on tiny-shakespeare: trains in seconds on a CPU. */
  public static final TrackSpec SHAKESPEARE_CHAR =
      new TrackSpec(
          "shakespeare-char",
          "gpt-bytes",
          new DataSetRef(
              "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
              Hash.fromHex("86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"),
              1_115_394),
          BUDGET_FLOPS,
          0.005,
          0.01,
          1,
          2);

  private DefaultTracks() {}

  public static List<TrackSpec> all() {
    return List.of(SHAKESPEARE_CHAR);
  }
}
