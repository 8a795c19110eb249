package dev.swarmledger.protocol.accounts;

import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** Registers the signing key as an account with a display name. */
public record AccountRegister(String name) implements TxBody {
  @Override
  public TxType type() {
    return TxType.ACCOUNT_REGISTER;
  }
}
