package dev.swarmledger.protocol.tx;

/** Ends one of the sender's active claims early. */
public record ClaimRelease(long claim) implements TxBody {
  @Override
  public TxType type() {
    return TxType.CLAIM_RELEASE;
  }
}
