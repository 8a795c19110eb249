package dev.swarmledger.node.query;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.LedgerState;

/** One account; {@code unknown_account} for a key that never registered. */
public final class AccountQuery {
  private AccountQuery() {}

  public static AccountView of(LedgerState s, PublicKey id) {
    return s.account(id)
        .map(AccountView::of)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_ACCOUNT, "unknown account " + id.hex()));
  }
}
