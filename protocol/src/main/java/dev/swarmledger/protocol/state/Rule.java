package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.tx.TxBody;

/**
 * The rule of one transaction type: checks {@code body} against the state and, only when every
 * check passed, applies it through the {@link Transition}; otherwise throws a {@code Rejection}.
 */
@FunctionalInterface
public interface Rule<B extends TxBody> {
  void apply(Transition t, B body);
}
