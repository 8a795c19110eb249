package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.tx.LeafCodec;

/** The JSON of a {@link ClaimsPage}: {@code {"claims":[…],"now":"<log time>"}}. */
public final class ClaimsPageJson {
  private ClaimsPageJson() {}

  public static ObjectNode encode(ClaimsPage p) {
    ObjectNode o = Wire.object();
    Wire.putList(o, "claims", p.claims(), ClaimJson::encode);
    o.put("now", LeafCodec.formatTime(p.now()));
    return o;
  }

  public static ClaimsPage decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "claims page");
    ClaimsPage p = new ClaimsPage(Wire.list(f, "claims", ClaimJson::decode), Wire.time(f, "now"));
    f.done();
    return p;
  }
}
