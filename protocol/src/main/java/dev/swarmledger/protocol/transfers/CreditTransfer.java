package dev.swarmledger.protocol.transfers;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.Optional;

/** Moves micro-credits from the sender to another account. */
public record CreditTransfer(PublicKey to, long amount, Optional<String> memo) implements TxBody {
  @Override
  public TxType type() {
    return TxType.CREDIT_TRANSFER;
  }
}
