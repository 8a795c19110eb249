package dev.swarmledger.protocol.tracks;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tx.TxType;

/** {@code track.create}: the operator adds a track. */
public final class TrackRules {
  private TrackRules() {}

  public static void create(Transition t, TrackCreate body) {
    t.state().requireOperator(t.sender(), TxType.TRACK_CREATE);
    TrackSpec track = body.track();
    if (t.state().track(track.id()).isPresent()) {
      throw new Rejection(ErrorCode.DUPLICATE_TRACK, "track " + track.id() + " exists");
    }
    t.putTrack(track);
    t.emit(StateEvent.trackCreated(t.index(), track.id()));
  }
}
