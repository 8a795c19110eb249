package dev.swarmledger.protocol.claims;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** Ends one of the sender's active claims early. */
public record ClaimRelease(long claim) implements TxBody {
  @Override
  public TxType type() {
    return TxType.CLAIM_RELEASE;
  }
}
