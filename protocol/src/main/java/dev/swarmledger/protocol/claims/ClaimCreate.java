package dev.swarmledger.protocol.claims;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.OptionalLong;

/**
 * "I am about to run this": announces an experiment so others do not duplicate it.
 *
 * @param parent the result it builds on; empty means the track's current best
 * @param sourceSha256 SHA-256 of the exact source the claimant will run
 */
public record ClaimCreate(String track, String description, OptionalLong parent, Hash sourceSha256)
    implements TxBody {
  @Override
  public TxType type() {
    return TxType.CLAIM_CREATE;
  }
}
