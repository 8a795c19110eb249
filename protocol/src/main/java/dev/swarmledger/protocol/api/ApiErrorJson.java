package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;

/** The JSON of an {@link ApiError}, the one error shape of the API. */
public final class ApiErrorJson {
  private ApiErrorJson() {}

  public static ObjectNode encode(ApiError e) {
    ObjectNode root = Wire.object();
    ObjectNode o = root.putObject("error");
    o.put("code", e.code());
    o.put("message", e.message());
    e.conflict().ifPresent(c -> o.put("conflict", c));
    return root;
  }

  public static ApiError decode(JsonNode json) {
    JsonFields root = JsonFields.of(json, "error answer");
    JsonFields f = root.object("error");
    ApiError e = new ApiError(f.text("code"), f.text("message"), Wire.optionalCount(f, "conflict"));
    f.done();
    root.done();
    return e;
  }
}
