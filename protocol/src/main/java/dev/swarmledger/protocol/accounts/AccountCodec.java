package dev.swarmledger.protocol.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.Names;

/** Wire form of {@code account.register}. */
public final class AccountCodec {
  public static final BodyCodec<AccountRegister> ACCOUNT_REGISTER =
      BodyCodec.of(
          f -> new AccountRegister(Names.requireValid(f.text("name"))), AccountCodec::encode);

  private AccountCodec() {}

  private static ObjectNode encode(AccountRegister r) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("name", r.name());
    return o;
  }
}
