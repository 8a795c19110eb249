package dev.swarmledger.protocol.crypto;

import java.util.Base64;
import java.util.Objects;

/**
 * Standard base64 that accepts only the canonical encoding, so one value has exactly one text form
 * (the JDK decoder also accepts missing padding and non-zero trailing bits).
 */
public final class Base64Strict {
  private Base64Strict() {}

  /** Decodes {@code text}; {@code what} names the value in the error message. */
  public static byte[] decode(String text, String what) {
    Objects.requireNonNull(text, what);
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid base64: " + e.getMessage(), e);
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new IllegalArgumentException(what + " is not canonical padded base64");
    }
    return decoded;
  }
}
