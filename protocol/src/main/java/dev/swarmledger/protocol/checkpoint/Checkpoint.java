package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint body: the log's origin, its size and its root hash. Extension lines are
 * accepted when parsing but not kept; SwarmLedger does not write any.
 */
public record Checkpoint(String origin, long size, Hash root) {
  public Checkpoint {
    if (origin == null || origin.isEmpty()) {
      throw new IllegalArgumentException("checkpoint origin must not be empty");
    }
    if (origin.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("checkpoint origin must be one line");
    }
    NoteText.checkCharacters(origin, "checkpoint origin");
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint size must be >= 0, got " + size);
    }
    Objects.requireNonNull(root, "root");
  }

  /** "origin\nsize\nbase64(root)\n": the text that gets signed. */
  public String body() {
    return origin + "\n" + size + "\n" + root.base64() + "\n";
  }

  /** Parses a body strictly: decimal size without sign or leading zeros, canonical base64 root. */
  public static Checkpoint parseBody(String body) {
    if (body == null || body.isEmpty()) {
      throw new IllegalArgumentException("checkpoint is empty");
    }
    if (!body.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint must end with a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException(
          "checkpoint needs origin, size and root lines, got " + lines.length + " line(s)");
    }
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new IllegalArgumentException("checkpoint extension line " + (i + 1) + " is empty");
      }
    }
    return new Checkpoint(lines[0], parseSize(lines[1]), parseRoot(lines[2]));
  }

  private static long parseSize(String text) {
    if (!text.matches("0|[1-9][0-9]*")) {
      throw new IllegalArgumentException(
          "checkpoint size must be a decimal number without sign or leading zeros: '" + text + "'");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint size is too large: " + text, e);
    }
  }

  private static Hash parseRoot(String text) {
    try {
      return Hash.fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root: " + e.getMessage(), e);
    }
  }
}
