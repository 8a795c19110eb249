package dev.swarmledger.protocol.transfers;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;

/** {@code credit.transfer}: spendable credits move between two registered accounts. */
public final class TransferRules {
  private TransferRules() {}

  public static void transfer(Transition t, CreditTransfer body) {
    Account from = t.state().requireAccount(t.sender());
    Account to = t.state().requireAccount(body.to());
    if (from.id().equals(to.id())) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, "cannot transfer to yourself");
    }
    if (from.balance() < body.amount()) {
      throw new Rejection(
          ErrorCode.INSUFFICIENT_CREDITS,
          "balance " + from.balance() + " is below " + body.amount() + " micro-credits");
    }
    t.put(from.withBalance(from.balance() - body.amount(), from.escrowed()));
    Account target = t.state().requireAccount(to.id());
    t.put(target.withBalance(Math.addExact(target.balance(), body.amount()), target.escrowed()));
    t.emit(StateEvent.creditsTransferred(t.index(), from.id(), to.id(), body.amount()));
  }
}
