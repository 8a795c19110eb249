package dev.swarmledger.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;

/**
 * Ethereum private keys in files: one line of 64 hex digits, with or without {@code 0x} (what
 * {@code cast wallet new} and most wallets export). Kept apart from the ledger's Ed25519 key file.
 */
public final class EthereumKeys {
  private EthereumKeys() {}

  public static Credentials read(Path file) {
    String text;
    try {
      text = Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Ethereum key file " + file, e);
    }
    return parse(text, file.toString());
  }

  public static Credentials parse(String text, String where) {
    String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          where + ": an Ethereum key file holds one private key of 64 hex digits");
    }
    return Credentials.create(hex);
  }
}
