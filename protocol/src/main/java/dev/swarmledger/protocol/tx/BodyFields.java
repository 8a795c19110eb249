package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.json.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The field shapes that transaction bodies share (labels, free text, hashes, ids, accounts), read
 * strictly so every family's codec refuses bad input with the same codes and messages.
 */
public final class BodyFields {
  public static final int MAX_NAME_LENGTH = 40;
  public static final int MAX_LABEL_LENGTH = 64;
  public static final int MAX_DESCRIPTION_LENGTH = 500;
  public static final int MAX_TEXT_LENGTH = 4000;
  public static final int MAX_SEGMENTS = 4096;

  private BodyFields() {}

  /** A short single-line label: printable, 1..max characters, no newlines or tabs. */
  public static String label(JsonFields f, String name, int max) {
    String s = text(f, name, 1, max);
    if (!Names.printable(s)) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT, f.where() + "." + name + " must be a single line");
    }
    return s;
  }

  /** Free text: min..max code points, printable apart from newlines and tabs. */
  public static String text(JsonFields f, String name, int min, int max) {
    String s = f.text(name);
    int n = s.codePointCount(0, s.length());
    if (n < min || n > max) {
      throw new Rejection(
          ErrorCode.OUT_OF_RANGE,
          f.where() + "." + name + " must be " + min + " to " + max + " characters");
    }
    if (!Names.printable(s.replace('\n', ' ').replace('\t', ' '))) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT, f.where() + "." + name + " has control characters");
    }
    return s;
  }

  public static PublicKey account(JsonFields f, String name) {
    return TxCodec.accountId(f.text(name), "body." + name);
  }

  public static Hash hash(JsonFields f, String name) {
    String hex = f.text(name);
    if (!isHash(hex)) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          f.where() + "." + name + " must be 64 lowercase hex characters");
    }
    return Hash.fromHex(hex);
  }

  public static List<Hash> hashes(JsonFields f, String name) {
    List<Hash> out = new ArrayList<>();
    for (String hex : f.textArray(name, MAX_SEGMENTS)) {
      if (!isHash(hex)) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT, f.where() + "." + name + " must hold 64-hex-digit hashes");
      }
      out.add(Hash.fromHex(hex));
    }
    return out;
  }

  public static OptionalLong optionalId(JsonFields f, String name) {
    return f.present(name) ? OptionalLong.of(f.nonNegative(name)) : OptionalLong.empty();
  }

  /** An optional array of non-negative ids (e.g. result ids given as evidence). */
  public static List<Long> ids(JsonFields f, String name, int max) {
    List<Long> out = new ArrayList<>();
    if (!f.present(name)) {
      return out;
    }
    for (JsonNode n : f.array(name, max)) {
      if (!n.isIntegralNumber() || n.longValue() < 0) {
        throw new Rejection(ErrorCode.WRONG_TYPE, f.where() + "." + name + " must hold result ids");
      }
      out.add(n.longValue());
    }
    return out;
  }

  public static List<Double> numbers(JsonFields f, String name, int max) {
    List<Double> out = new ArrayList<>();
    for (JsonNode n : f.array(name, max)) {
      if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
        throw new Rejection(ErrorCode.WRONG_TYPE, f.where() + "." + name + " must hold numbers");
      }
      out.add(n.doubleValue());
    }
    return out;
  }

  private static boolean isHash(String hex) {
    return hex.matches("[0-9a-f]{64}");
  }
}
