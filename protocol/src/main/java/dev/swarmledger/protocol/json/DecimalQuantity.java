package dev.swarmledger.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The one JSON form of FLOP quantities: a string of decimal digits with no sign, no leading zero
 * (but in {@code "0"}) and no exponent, as Ethereum's JSON-RPC and Cosmos write 64-bit quantities.
 * FLOP counts outgrow I-JSON's exact integers (2^53 ≈ 9·10^15 is about five minutes of one H100;
 * sums and longer or larger runs pass it), and a string keeps every document exact in JavaScript
 * too. Each value has exactly one spelling, so canonical JSON stays canonical; anything else is
 * {@link ErrorCode#NON_CANONICAL_NUMBER}.
 */
public final class DecimalQuantity {
  /** Digits an aggregate (a sum of quantities) may have: more than all compute ever spent. */
  public static final int MAX_TOTAL_DIGITS = 30;

  private static final Pattern CANONICAL = Pattern.compile("0|[1-9][0-9]*");

  private DecimalQuantity() {}

  /** The canonical text of {@code value}, which must not be negative. */
  public static String format(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a quantity is never negative: " + value);
    }
    return Long.toString(value);
  }

  /** The canonical text of an aggregate, which must not be negative. */
  public static String format(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a quantity is never negative: " + value);
    }
    return value.toString();
  }

  /** Writes {@code value} as the field {@code name} of {@code o}. */
  public static void put(ObjectNode o, String name, long value) {
    o.put(name, format(value));
  }

  /** Writes the aggregate {@code value} as the field {@code name} of {@code o}. */
  public static void put(ObjectNode o, String name, BigInteger value) {
    o.put(name, format(value));
  }

  /**
   * The quantity {@code node} holds, in [min, max] (0 ≤ min ≤ max ≤ 2^63-1); {@code where} names
   * the field in errors. A JSON number is refused like a non-canonical string: the quantity's one
   * canonical form is the string.
   */
  public static long read(JsonNode node, String where, long min, long max) {
    String text = text(node, where);
    if (text.length() > 19) {
      throw outOfRange(where, min, max);
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException beyondLong) {
      throw outOfRange(where, min, max);
    }
    if (value < min || value > max) {
      throw outOfRange(where, min, max);
    }
    return value;
  }

  /** The same for text read elsewhere (e.g. a file format that is not protocol JSON). */
  public static long parse(String text, String where, long min, long max) {
    return read(StrictJson.nodes().textNode(text), where, min, max);
  }

  /** An aggregate quantity (a sum that may outgrow 64 bits), at most {@link #MAX_TOTAL_DIGITS}. */
  public static BigInteger readTotal(JsonNode node, String where) {
    String text = text(node, where);
    if (text.length() > MAX_TOTAL_DIGITS) {
      throw new Rejection(
          ErrorCode.OUT_OF_RANGE, where + " has more than " + MAX_TOTAL_DIGITS + " digits");
    }
    return new BigInteger(text);
  }

  private static String text(JsonNode node, String where) {
    if (node.isNumber()) {
      throw new Rejection(
          ErrorCode.NON_CANONICAL_NUMBER,
          where
              + " is a quantity: a string of decimal digits (\""
              + node.asText()
              + "\"), not a"
              + " JSON number");
    }
    if (!node.isTextual()) {
      throw new Rejection(ErrorCode.WRONG_TYPE, where + " must be a string of decimal digits");
    }
    String text = node.textValue();
    if (!CANONICAL.matcher(text).matches()) {
      throw new Rejection(
          ErrorCode.NON_CANONICAL_NUMBER,
          where
              + " must be decimal digits without sign, exponent or leading zeros, e.g."
              + " \"15000000000000000\"");
    }
    return text;
  }

  private static Rejection outOfRange(String where, long min, long max) {
    return new Rejection(ErrorCode.OUT_OF_RANGE, where + " must be between " + min + " and " + max);
  }
}
