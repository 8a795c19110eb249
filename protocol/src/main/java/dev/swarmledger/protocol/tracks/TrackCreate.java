package dev.swarmledger.protocol.tracks;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** Operator opens a new track. */
public record TrackCreate(TrackSpec track) implements TxBody {
  @Override
  public TxType type() {
    return TxType.TRACK_CREATE;
  }
}
