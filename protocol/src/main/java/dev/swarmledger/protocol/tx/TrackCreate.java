package dev.swarmledger.protocol.tx;

/** Operator opens a new track. */
public record TrackCreate(TrackSpec track) implements TxBody {
  @Override
  public TxType type() {
    return TxType.TRACK_CREATE;
  }
}
