package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.tx.LeafCodec;

/** The JSON of a {@link HypothesisView}; also the hypothesis part of the state root. */
public final class HypothesisJson {
  private HypothesisJson() {}

  public static ObjectNode encode(HypothesisView h) {
    ObjectNode o = Wire.object();
    o.put("id", h.id());
    o.put("track", h.track());
    o.put("account", h.account().hex());
    o.put("title", h.title());
    o.put("text", h.text());
    o.put("suggested_change", h.suggestedChange());
    ArrayNode ev = o.putArray("evidence");
    h.evidence().forEach(ev::add);
    o.put("priority", h.priority());
    o.put("created", LeafCodec.formatTime(h.created()));
    return o;
  }

  public static HypothesisView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "hypothesis");
    HypothesisView h =
        new HypothesisView(
            Wire.count(f, "id"),
            f.text("track"),
            Wire.account(f, "account"),
            f.text("title"),
            f.text("text"),
            f.text("suggested_change"),
            Wire.ids(f, "evidence"),
            (int) f.integer("priority", 0, 5),
            Wire.time(f, "created"));
    f.done();
    return h;
  }
}
