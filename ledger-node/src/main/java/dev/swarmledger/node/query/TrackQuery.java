package dev.swarmledger.node.query;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.List;

/** Tracks with their bests, and one track's best in full. */
public final class TrackQuery {
  private TrackQuery() {}

  public static List<TrackView> all(LedgerState s) {
    return s.tracks().stream().map(t -> TrackView.of(t, s)).toList();
  }

  /** The verified best with its result and source; {@code not_found} while there is none. */
  public static BestView best(LedgerState s, String track) {
    KnownTrack.require(s, track);
    return s.best(track)
        .map(b -> BestView.withDetail(b, s))
        .orElseThrow(
            () ->
                new Rejection(ErrorCode.NOT_FOUND, "track " + track + " has no verified best yet"));
  }
}
