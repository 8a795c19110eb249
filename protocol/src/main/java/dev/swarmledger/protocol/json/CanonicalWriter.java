package dev.swarmledger.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a Jackson tree straight as RFC 8785 canonical UTF-8, byte for byte what {@link
 * StrictJson#canonical} produces, without printing the tree to text and parsing it back. For bulk
 * work (the state root over a million accounts); {@code StrictJson.canonical} stays the reference
 * and a property test holds the two equal.
 *
 * <p>As RFC 8785 (and the reference implementation) do: object members sorted by UTF-16 code units
 * ({@link String#compareTo}); strings escaping only {@code "}, {@code \}, and the controls below
 * U+0020 ({@code \b \t \n \f \r} by name, the rest as lowercase {@code \}{@code u00xx}); every
 * number as the ECMAScript form of its IEEE double.
 */
public final class CanonicalWriter {
  private static final long EXACT = 1L << 53;

  private CanonicalWriter() {}

  public static byte[] canonical(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(node, out);
    return out.toByteArray();
  }

  /** Appends the canonical bytes of {@code node} to {@code out}. */
  public static void write(JsonNode node, ByteArrayOutputStream out) {
    StringBuilder sb = new StringBuilder(256);
    append(node, sb);
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  private static void append(JsonNode node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        it.forEachRemaining(fields::add);
        fields.sort(Map.Entry.comparingByKey());
        sb.append('{');
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          string(fields.get(i).getKey(), sb);
          sb.append(':');
          append(fields.get(i).getValue(), sb);
        }
        sb.append('}');
      }
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          append(node.get(i), sb);
        }
        sb.append(']');
      }
      case STRING -> string(node.textValue(), sb);
      case NUMBER -> number(node, sb);
      case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
      case NULL -> sb.append("null");
      default -> throw new IllegalArgumentException("cannot canonicalise a " + node.getNodeType());
    }
  }

  private static void number(JsonNode n, StringBuilder sb) {
    if (n.canConvertToLong() && n.isIntegralNumber()) {
      long v = n.longValue();
      if (v >= -EXACT && v <= EXACT) {
        sb.append(v); // an integer a double holds exactly prints as its digits in ECMAScript
        return;
      }
    }
    // What the reference does: the text Jackson prints, read as a double, written as ECMAScript.
    sb.append(StrictJson.canonicalNumber(Double.parseDouble(n.asText())));
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
