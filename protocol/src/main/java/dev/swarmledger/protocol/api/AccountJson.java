package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;

/** The JSON of an {@link AccountView}; also the account part of the state root. */
public final class AccountJson {
  private AccountJson() {}

  public static ObjectNode encode(AccountView a) {
    ObjectNode o = Wire.object();
    o.put("id", a.id().hex());
    o.put("name", a.name());
    o.put("next_nonce", a.nextNonce());
    o.put("balance", a.balance());
    o.put("escrowed", a.escrowed());
    o.put("pending", a.pending());
    o.put("earned", a.earned());
    o.put("reputation", a.reputation());
    ArrayNode roles = o.putArray("roles");
    a.roles().forEach(roles::add);
    a.verifierClass().ifPresent(c -> o.put("hardware_class", c));
    o.put("streak", a.streak());
    o.put("registered_at", a.registeredAt());
    a.workerClass().ifPresent(c -> o.put("worker_class", c));
    o.put("jobs_agreed", a.jobsAgreed());
    return o;
  }

  public static AccountView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "account");
    AccountView a =
        new AccountView(
            Wire.account(f, "id"),
            f.text("name"),
            Wire.count(f, "next_nonce"),
            Wire.count(f, "balance"),
            Wire.count(f, "escrowed"),
            Wire.count(f, "pending"),
            Wire.count(f, "earned"),
            Wire.signed(f, "reputation"),
            f.optionalText("hardware_class"),
            Wire.count(f, "streak"),
            Wire.count(f, "registered_at"),
            f.optionalText("worker_class"),
            Wire.count(f, "jobs_agreed"));
    // The role and its hardware class come together; one without the other is a broken answer.
    Wire.agree(f.textArray("roles", 8).equals(a.roles()), "account.roles");
    f.done();
    return a;
  }
}
