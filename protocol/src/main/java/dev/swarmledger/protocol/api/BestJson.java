package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import java.util.Optional;

/** The JSON of a {@link BestView}; the detail, when present, is {@code result_detail}. */
public final class BestJson {
  private BestJson() {}

  public static ObjectNode encode(BestView b) {
    ObjectNode o = Wire.object();
    o.put("track", b.track());
    o.put("result", b.result());
    o.put("val_bpb", b.valBpb());
    o.put("account", b.account().hex());
    o.put("since", b.since());
    b.detail().ifPresent(d -> o.set("result_detail", ResultJson.encode(d)));
    return o;
  }

  public static BestView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "best");
    BestView b =
        new BestView(
            f.text("track"),
            Wire.count(f, "result"),
            f.number("val_bpb"),
            Wire.account(f, "account"),
            Wire.count(f, "since"),
            f.present("result_detail")
                ? Optional.of(ResultJson.decode(f.raw("result_detail")))
                : Optional.empty());
    f.done();
    return b;
  }
}
