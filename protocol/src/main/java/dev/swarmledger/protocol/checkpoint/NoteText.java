package dev.swarmledger.protocol.checkpoint;

import java.nio.charset.StandardCharsets;

/** The C2SP signed-note rules for key names and note text, shared by signing and parsing. */
final class NoteText {
  static final String SIGNATURE_PREFIX = "\u2014 ";

  private NoteText() {}

  /**
   * A key name: non-empty, no spaces of any kind, no '+' (it separates the fields of a verifier
   * key).
   */
  static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("key name must not be empty");
    }
    if (name.indexOf('+') >= 0) {
      throw new IllegalArgumentException("key name must not contain '+': " + name);
    }
    if (name.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
      throw new IllegalArgumentException("key name must not contain spaces: " + name);
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("key name must not contain control characters");
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(name)) {
      throw new IllegalArgumentException("key name is not well-formed Unicode");
    }
  }

  /** Note content: well-formed UTF-8 with no ASCII control characters except newline. */
  static void checkCharacters(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException(
            what + " contains control character U+" + String.format("%04X", (int) c) + " at " + i);
      }
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
      throw new IllegalArgumentException(what + " is not well-formed Unicode (lone surrogate)");
    }
  }

  /** Signable note text: non-empty, ends in a newline, allowed characters only. */
  static void checkText(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("note text must not be empty");
    }
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    checkCharacters(text, "note text");
  }
}
