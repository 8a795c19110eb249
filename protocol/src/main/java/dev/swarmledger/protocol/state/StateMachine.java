package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.TxRegistry;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one leaf to a {@link LedgerState}: the checks every transaction shares (index, time,
 * signature, nonce, registration), then the rule {@link TxRegistry} wires to its type. Pure and
 * deterministic (the leaf's own index and time are the only inputs besides the state), so replaying
 * the log from leaf 0 always rebuilds the same state. A {@link Rejection} leaves the state
 * untouched: every rule checks everything before it writes.
 */
public final class StateMachine {
  private StateMachine() {}

  /** Applies {@code leaf} and returns the events it caused, or throws a {@link Rejection}. */
  public static List<StateEvent> apply(LedgerState state, Leaf leaf) {
    Tx tx = leaf.tx();
    if (leaf.index() != state.size()) {
      throw new Rejection(
          ErrorCode.INVALID_STATE, "leaf index " + leaf.index() + " but state has " + state.size());
    }
    if (leaf.time().isBefore(state.lastTime())) {
      throw new Rejection(ErrorCode.INVALID_STATE, "leaf time goes backwards");
    }
    if (!tx.signatureValid()) {
      throw new Rejection(
          ErrorCode.BAD_SIGNATURE, "signature does not verify for " + tx.account().hex());
    }
    List<StateEvent> events = new ArrayList<>();
    Transition transition = new Transition(state, leaf, events);
    if (!state.hasGenesis()) {
      if (tx.type() != TxType.GENESIS || leaf.index() != 0) {
        throw new Rejection(ErrorCode.INVALID_STATE, "leaf 0 must be the genesis");
      }
      TxRegistry.apply(transition, tx.body());
    } else {
      if (tx.type() == TxType.GENESIS) {
        throw new Rejection(ErrorCode.GENESIS_EXISTS, "the log already has a genesis");
      }
      Optional<Account> sender = state.account(tx.account());
      checkNonce(tx, sender);
      if (tx.type() != TxType.ACCOUNT_REGISTER && sender.isEmpty()) {
        throw new Rejection(
            ErrorCode.NOT_REGISTERED, "account " + tx.account().hex() + " is not registered");
      }
      TxRegistry.apply(transition, tx.body());
      Account after = state.requireAccount(tx.account());
      state.put(after.withNextNonce(tx.nonce() + 1));
      TxRegistry.afterLeaf(transition);
    }
    state.advance(leaf.time());
    return events;
  }

  private static void checkNonce(Tx tx, Optional<Account> sender) {
    long expected = sender.map(Account::nextNonce).orElse(0L);
    if (tx.nonce() < expected) {
      throw new Rejection(
          ErrorCode.NONCE_REPLAYED, "nonce " + tx.nonce() + " already used; next is " + expected);
    }
    if (tx.nonce() > expected) {
      throw new Rejection(
          ErrorCode.NONCE_TOO_HIGH, "nonce " + tx.nonce() + " is ahead; next is " + expected);
    }
  }
}
