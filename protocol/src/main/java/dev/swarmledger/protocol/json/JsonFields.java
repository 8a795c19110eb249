package dev.swarmledger.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one JSON object strictly: each field read is remembered, wrong types are
 * refused, and {@link #done()} refuses any field that was not read. Codecs use it so that unknown
 * or mistyped fields never pass silently.
 */
public final class JsonFields {
  private final ObjectNode object;
  private final String where;
  private final Set<String> seen = new HashSet<>();

  private JsonFields(ObjectNode object, String where) {
    this.object = object;
    this.where = where;
  }

  /** Starts reading {@code node}, which must be an object; {@code where} names it in errors. */
  public static JsonFields of(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new Rejection(ErrorCode.WRONG_TYPE, where + " must be a JSON object");
    }
    return new JsonFields((ObjectNode) node, where);
  }

  public String text(String name) {
    JsonNode n = required(name);
    if (!n.isTextual()) {
      throw wrongType(name, "a string");
    }
    return n.textValue();
  }

  public Optional<String> optionalText(String name) {
    return present(name) ? Optional.of(text(name)) : Optional.empty();
  }

  /** A JSON integer in [min, max]; fractions and out-of-range values are refused. */
  public long integer(String name, long min, long max) {
    JsonNode n = required(name);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw wrongType(name, "an integer");
    }
    long v = n.longValue();
    if (v < min || v > max) {
      throw new Rejection(
          ErrorCode.OUT_OF_RANGE, where + "." + name + " must be between " + min + " and " + max);
    }
    return v;
  }

  public long nonNegative(String name) {
    return integer(name, 0, StrictJson.MAX_SAFE_INTEGER);
  }

  /**
   * A FLOP quantity in [min, max], in its one canonical form: a string of decimal digits ({@link
   * DecimalQuantity}).
   */
  public long flops(String name, long min, long max) {
    return DecimalQuantity.read(required(name), where + "." + name, min, max);
  }

  /** A sum of FLOP quantities, which may outgrow 64 bits; the same canonical form. */
  public BigInteger flopsTotal(String name) {
    return DecimalQuantity.readTotal(required(name), where + "." + name);
  }

  public Optional<Long> optionalInteger(String name, long min, long max) {
    return present(name) ? Optional.of(integer(name, min, max)) : Optional.empty();
  }

  /** A finite JSON number. */
  public double number(String name) {
    JsonNode n = required(name);
    if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
      throw wrongType(name, "a number");
    }
    return n.doubleValue();
  }

  public Optional<Double> optionalNumber(String name) {
    return present(name) ? Optional.of(number(name)) : Optional.empty();
  }

  public boolean bool(String name) {
    JsonNode n = required(name);
    if (!n.isBoolean()) {
      throw wrongType(name, "a boolean");
    }
    return n.booleanValue();
  }

  public JsonFields object(String name) {
    return JsonFields.of(required(name), where + "." + name);
  }

  public Optional<JsonFields> optionalObject(String name) {
    return present(name) ? Optional.of(object(name)) : Optional.empty();
  }

  /** The raw node of an object-valued field, for codecs that keep it whole. */
  public JsonNode raw(String name) {
    return required(name);
  }

  public List<JsonNode> array(String name, int maxLength) {
    JsonNode n = required(name);
    if (!n.isArray()) {
      throw wrongType(name, "an array");
    }
    if (n.size() > maxLength) {
      throw new Rejection(
          ErrorCode.OUT_OF_RANGE, where + "." + name + " has more than " + maxLength + " elements");
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }

  public List<String> textArray(String name, int maxLength) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : array(name, maxLength)) {
      if (!e.isTextual()) {
        throw wrongType(name, "an array of strings");
      }
      out.add(e.textValue());
    }
    return out;
  }

  public boolean present(String name) {
    return object.has(name);
  }

  /** Refuses any field that no accessor asked for. */
  public void done() {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!seen.contains(name)) {
        throw new Rejection(ErrorCode.UNKNOWN_FIELD, "unknown field " + where + "." + name);
      }
    }
  }

  public String where() {
    return where;
  }

  private JsonNode required(String name) {
    seen.add(name);
    JsonNode n = object.get(name);
    if (n == null || n.isNull()) {
      throw new Rejection(ErrorCode.MISSING_FIELD, "missing field " + where + "." + name);
    }
    return n;
  }

  private Rejection wrongType(String name, String expected) {
    return new Rejection(ErrorCode.WRONG_TYPE, where + "." + name + " must be " + expected);
  }
}
