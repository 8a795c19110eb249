package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;

/** The JSON of a {@link TxReceipt}: {@code {"index":i,"leaf_hash":"<hex>"}}. */
public final class TxReceiptJson {
  private TxReceiptJson() {}

  public static ObjectNode encode(TxReceipt r) {
    ObjectNode o = Wire.object();
    o.put("index", r.index());
    o.put("leaf_hash", r.leafHash().hex());
    return o;
  }

  public static TxReceipt decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "receipt");
    TxReceipt r = new TxReceipt(Wire.count(f, "index"), Wire.hash(f, "leaf_hash"));
    f.done();
    return r;
  }
}
