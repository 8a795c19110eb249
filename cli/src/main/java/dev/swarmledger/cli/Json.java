package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Pretty JSON output for {@code --json}. */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static void print(JsonNode node) {
    try {
      System.out.println(MAPPER.writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON array of views, each through its codec. */
  static <T> com.fasterxml.jackson.databind.node.ArrayNode array(
      java.util.List<T> items,
      java.util.function.Function<T, com.fasterxml.jackson.databind.node.ObjectNode> encode) {
    com.fasterxml.jackson.databind.node.ArrayNode a = MAPPER.createArrayNode();
    items.forEach(i -> a.add(encode.apply(i)));
    return a;
  }

  /** A JSON array of numbers. */
  static com.fasterxml.jackson.databind.node.ArrayNode longs(java.util.List<Long> items) {
    com.fasterxml.jackson.databind.node.ArrayNode a = MAPPER.createArrayNode();
    items.forEach(a::add);
    return a;
  }

  static com.fasterxml.jackson.databind.node.ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
