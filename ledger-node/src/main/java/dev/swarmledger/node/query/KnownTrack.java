package dev.swarmledger.node.query;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.Optional;

/** Refuses a query about a track the ledger does not have, rather than answering it empty. */
final class KnownTrack {
  private KnownTrack() {}

  static String require(LedgerState s, String track) {
    s.track(track)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_TRACK, "unknown track " + track));
    return track;
  }

  static void requireIfGiven(LedgerState s, Optional<String> track) {
    track.ifPresent(t -> require(s, t));
  }
}
