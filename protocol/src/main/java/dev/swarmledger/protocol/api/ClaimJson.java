package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.util.Arrays;

/** The JSON of a {@link ClaimView}; also the claim part of the state root. */
public final class ClaimJson {
  private ClaimJson() {}

  public static ObjectNode encode(ClaimView c) {
    ObjectNode o = Wire.object();
    o.put("id", c.id());
    o.put("track", c.track());
    o.put("account", c.account().hex());
    o.put("description", c.description());
    c.parent().ifPresent(p -> o.put("parent", p));
    o.put("source_sha256", c.sourceSha256().hex());
    o.put("created", LeafCodec.formatTime(c.created()));
    o.put("expires", LeafCodec.formatTime(c.expires()));
    o.put("status", c.status().wireName());
    return o;
  }

  public static ClaimView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "claim");
    ClaimView c =
        new ClaimView(
            Wire.count(f, "id"),
            f.text("track"),
            Wire.account(f, "account"),
            f.text("description"),
            Wire.optionalCount(f, "parent"),
            Wire.hash(f, "source_sha256"),
            Wire.time(f, "created"),
            Wire.time(f, "expires"),
            status(f.text("status")));
    f.done();
    return c;
  }

  private static ClaimView.Status status(String wire) {
    return Arrays.stream(ClaimView.Status.values())
        .filter(s -> s.wireName().equals(wire))
        .findFirst()
        .orElseThrow(
            () -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown claim status " + wire));
  }
}
