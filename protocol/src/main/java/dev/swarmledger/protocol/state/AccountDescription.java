package dev.swarmledger.protocol.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.StrictJson;

/** The JSON shape of an {@link Account}, shared by the state root and the HTTP API. */
public final class AccountDescription {
  private AccountDescription() {}

  public static ObjectNode of(Account a) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", a.id().hex());
    o.put("name", a.name());
    o.put("next_nonce", a.nextNonce());
    o.put("balance", a.balance());
    o.put("escrowed", a.escrowed());
    o.put("earned", a.earned());
    o.put("reputation", a.reputation());
    o.putArray("roles");
    a.verifierClass().ifPresent(c -> {
      o.withArray("roles").add("verifier");
      o.put("hardware_class", c);
    });
    o.put("streak", a.streak());
    o.put("registered_at", a.registeredAt());
    return o;
  }
}
