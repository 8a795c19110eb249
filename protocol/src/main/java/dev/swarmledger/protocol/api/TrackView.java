package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.util.Optional;

/** A track as {@code GET /v1/tracks} lists it: its spec and its verified best, if any. */
public record TrackView(TrackSpec spec, Optional<BestView> best) {

  public static TrackView of(TrackSpec t, LedgerState s) {
    return new TrackView(t, s.best(t.id()).map(BestView::of));
  }

  public String id() {
    return spec.id();
  }
}
