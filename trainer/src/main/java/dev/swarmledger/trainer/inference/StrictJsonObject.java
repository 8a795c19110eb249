package dev.swarmledger.trainer.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.DecimalQuantity;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object read the strict way the harness's codecs read (as {@code RunRecordJson} does):
 * exactly the expected fields, each of the right type; anything else is an {@link
 * IllegalArgumentException} naming the field. Bytes are canonical base64 (RFC 4648 §4, padded).
 */
final class StrictJsonObject {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonNode node;
  private final String what;

  private StrictJsonObject(JsonNode node, String what) {
    this.node = node;
    this.what = what;
  }

  /** Parses {@code json} as an object; {@code what} names it in errors. */
  static StrictJsonObject parse(String json, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return new StrictJsonObject(root, what);
  }

  /** Requires exactly {@code fields}: no unknown field, none missing. */
  void requireFields(Set<String> fields) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new IllegalArgumentException("unknown " + what + " field: " + name);
      }
    }
    for (String name : new TreeSet<>(fields)) {
      if (!node.has(name)) {
        throw new IllegalArgumentException("missing " + what + " field: " + name);
      }
    }
  }

  private JsonNode field(String name) {
    JsonNode value = node.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing " + what + " field: " + name);
    }
    return value;
  }

  String text(String name) {
    JsonNode value = field(name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return value.asText();
  }

  long integer(String name) {
    JsonNode value = field(name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    return value.longValue();
  }

  /** A FLOP count in the protocol's one form for them: a string of decimal digits. */
  long flops(String name) {
    try {
      return DecimalQuantity.read(field(name), name, 0, Long.MAX_VALUE);
    } catch (Rejection e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  int smallInteger(String name) {
    long value = integer(name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " is out of range: " + value);
    }
    return (int) value;
  }

  double number(String name) {
    JsonNode value = field(name);
    if (!value.isNumber()) {
      throw new IllegalArgumentException(name + " must be a number");
    }
    return value.doubleValue();
  }

  double[] numbers(String name) {
    JsonNode value = field(name);
    if (!value.isArray()) {
      throw new IllegalArgumentException(name + " must be an array of numbers");
    }
    double[] values = new double[value.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode element = value.get(i);
      if (!element.isNumber()) {
        throw new IllegalArgumentException(name + "[" + i + "] must be a number");
      }
      values[i] = element.doubleValue();
    }
    return values;
  }

  /** Canonical base64: what {@link #base64} writes, so one byte string has one JSON form. */
  byte[] bytes(String name) {
    String text = text(name);
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be base64: " + e.getMessage());
    }
    if (!base64(decoded).equals(text)) {
      throw new IllegalArgumentException(name + " must be canonical, padded base64");
    }
    return decoded;
  }

  static String base64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }
}
