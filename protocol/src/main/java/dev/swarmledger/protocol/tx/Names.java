package dev.swarmledger.protocol.tx;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;

/** Rules for human-readable names: 1 to 40 printable characters, no surrounding spaces. */
public final class Names {
  private Names() {}

  public static String requireValid(String name) {
    int n = name.codePointCount(0, name.length());
    if (n < 1 || n > BodyFields.MAX_NAME_LENGTH) {
      throw new Rejection(
          ErrorCode.INVALID_NAME,
          "name must be 1 to " + BodyFields.MAX_NAME_LENGTH + " characters");
    }
    if (!printable(name)) {
      throw new Rejection(ErrorCode.INVALID_NAME, "name has control or invisible characters");
    }
    if (!name.strip().equals(name)) {
      throw new Rejection(ErrorCode.INVALID_NAME, "name has leading or trailing spaces");
    }
    return name;
  }

  /** True when every code point is visible text or a plain space (no controls, format chars). */
  public static boolean printable(String s) {
    return s.codePoints().allMatch(Names::printableCodePoint);
  }

  private static boolean printableCodePoint(int cp) {
    if (cp == ' ') {
      return true;
    }
    int t = Character.getType(cp);
    return !(t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.SURROGATE
        || t == Character.PRIVATE_USE
        || t == Character.UNASSIGNED
        || t == Character.LINE_SEPARATOR
        || t == Character.PARAGRAPH_SEPARATOR
        || t == Character.SPACE_SEPARATOR);
  }
}
