package dev.swarmledger.protocol.crypto;

import java.util.Base64;
import java.util.Objects;

/**
 * The text form of a private key file a user can back up and read:
 *
 * <pre>
 * swarmledger-ed25519-private-key-v1
 * seed: &lt;standard base64 of the 32-byte seed&gt;
 * public: &lt;64 lowercase hex: the account id&gt;
 * </pre>
 */
public final class KeyFileCodec {
  public static final String HEADER = "swarmledger-ed25519-private-key-v1";
  private static final String SEED = "seed: ";
  private static final String PUBLIC = "public: ";

  private KeyFileCodec() {}

  public static String encode(SigningKey key) {
    Objects.requireNonNull(key, "key");
    return HEADER
        + "\n"
        + SEED
        + Base64.getEncoder().encodeToString(key.seed())
        + "\n"
        + PUBLIC
        + key.publicKey().hex()
        + "\n";
  }

  /**
   * Parses a key file; the public line is redundant on purpose, so a damaged or edited file is
   * caught here instead of signing as some other account.
   */
  public static SigningKey decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("key file is empty");
    }
    // Tolerate what editors and copy-paste do to a text file: CRLF endings, a missing final
    // newline.
    String[] lines = text.replace("\r\n", "\n").strip().split("\n", -1);
    if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
      throw new IllegalArgumentException(
          "not a SwarmLedger key file: first line must be " + HEADER);
    }
    if (lines.length != 3) {
      throw new IllegalArgumentException(
          "key file must have 3 lines (header, seed, public), found " + lines.length);
    }
    String seedText = value(lines[1], SEED, 2);
    String publicText = value(lines[2], PUBLIC, 3);
    byte[] seed;
    try {
      seed = Base64Strict.decode(seedText, "key file seed");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file line 2: " + e.getMessage(), e);
    }
    if (seed.length != SigningKey.SEED_LENGTH) {
      throw new IllegalArgumentException(
          "key file line 2: seed must be " + SigningKey.SEED_LENGTH + " bytes, got " + seed.length);
    }
    SigningKey key = SigningKey.fromSeed(seed);
    if (!key.publicKey().hex().equals(publicText)) {
      throw new IllegalArgumentException(
          "key file line 3: public key "
              + publicText
              + " does not match the seed (which gives "
              + key.publicKey().hex()
              + "); the file is damaged");
    }
    return key;
  }

  private static String value(String line, String prefix, int lineNumber) {
    String trimmed = line.strip();
    if (!trimmed.startsWith(prefix)) {
      throw new IllegalArgumentException(
          "key file line " + lineNumber + " must start with '" + prefix.strip() + "'");
    }
    return trimmed.substring(prefix.length()).strip();
  }
}
