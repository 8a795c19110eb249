package dev.swarmledger.protocol.transfers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.BodyFields;
import java.util.Optional;

/** Wire form of {@code credit.transfer}. */
public final class TransferCodec {
  public static final BodyCodec<CreditTransfer> CREDIT_TRANSFER =
      BodyCodec.of(
          f ->
              new CreditTransfer(
                  BodyFields.account(f, "to"),
                  f.integer("amount", 1, StrictJson.MAX_SAFE_INTEGER),
                  f.present("memo")
                      ? Optional.of(BodyFields.text(f, "memo", 0, 200))
                      : Optional.empty()),
          TransferCodec::encode);

  private TransferCodec() {}

  private static ObjectNode encode(CreditTransfer t) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("to", t.to().hex());
    o.put("amount", t.amount());
    t.memo().ifPresent(m -> o.put("memo", m));
    return o;
  }
}
