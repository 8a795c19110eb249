package dev.swarmledger.protocol.accounts;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;

/** {@code account.register}: a key takes a unique name; the only transaction of a new key. */
public final class AccountRules {
  private AccountRules() {}

  public static void register(Transition t, AccountRegister body) {
    PublicKey id = t.sender();
    if (t.state().account(id).isPresent()) {
      throw new Rejection(
          ErrorCode.ALREADY_REGISTERED, "account " + id.hex() + " is already registered");
    }
    if (t.state().accountByName(body.name()).isPresent()) {
      throw new Rejection(ErrorCode.NAME_TAKEN, "name '" + body.name() + "' is taken");
    }
    t.put(Account.registered(id, body.name(), t.state().policy().initialReputation(), t.index()));
    t.emit(StateEvent.accountRegistered(t.index(), id, body.name()));
  }
}
