package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;

/** Strict JSON mapping of every transaction body; the wire format of the log. */
final class TxBodyCodec {
  static final int MAX_NAME_LENGTH = 40;
  static final int MAX_HARDWARE_CLASS_LENGTH = 64;

  private TxBodyCodec() {}

  static TxBody decode(TxType type, JsonFields f) {
    TxBody body =
        switch (type) {
          case GENESIS -> new Genesis(
              TxCodec.accountId(f.text("operator"), "body.operator"),
              boundedText(f, "origin", 1, 200),
              PolicyCodec.decode(f.object("policy")));
          case ACCOUNT_REGISTER -> new AccountRegister(Names.requireValid(f.text("name")));
          case VERIFIER_GRANT -> new VerifierGrant(
              TxCodec.accountId(f.text("account"), "body.account"),
              boundedText(f, "hardware_class", 1, MAX_HARDWARE_CLASS_LENGTH));
          case VERIFIER_REVOKE -> new VerifierRevoke(
              TxCodec.accountId(f.text("account"), "body.account"));
        };
    f.done();
    return body;
  }

  static ObjectNode encode(TxBody body) {
    ObjectNode o = StrictJson.nodes().objectNode();
    if (body instanceof Genesis g) {
      o.put("operator", g.operator().hex());
      o.put("origin", g.origin());
      o.set("policy", PolicyCodec.encode(g.policy()));
    } else if (body instanceof AccountRegister r) {
      o.put("name", r.name());
    } else if (body instanceof VerifierGrant g) {
      o.put("account", g.account().hex());
      o.put("hardware_class", g.hardwareClass());
    } else if (body instanceof VerifierRevoke r) {
      o.put("account", r.account().hex());
    } else {
      throw new IllegalArgumentException("no codec for " + body.type());
    }
    return o;
  }

  static String boundedText(JsonFields f, String name, int min, int max) {
    String s = f.text(name);
    int n = s.codePointCount(0, s.length());
    if (n < min || n > max) {
      throw new Rejection(
          ErrorCode.OUT_OF_RANGE,
          f.where() + "." + name + " must be " + min + " to " + max + " characters");
    }
    if (!Names.printable(s)) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT, f.where() + "." + name + " has non-printable characters");
    }
    return s;
  }
}
