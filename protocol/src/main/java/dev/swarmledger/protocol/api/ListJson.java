package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import java.util.List;
import java.util.function.Function;

/**
 * The plain list answers ({@code {"results":[…]}}, {@code {"tracks":[…]}}, …): one named array of
 * views, each item through its own codec.
 */
public final class ListJson {
  private ListJson() {}

  public static <T> ObjectNode encode(String name, List<T> items, Function<T, ObjectNode> item) {
    ObjectNode o = Wire.object();
    Wire.putList(o, name, items, item);
    return o;
  }

  public static <T> List<T> decode(JsonNode json, String name, Function<JsonNode, T> item) {
    JsonFields f = JsonFields.of(json, name + " page");
    List<T> out = Wire.list(f, name, item);
    f.done();
    return out;
  }
}
