package dev.swarmledger.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Builds request bodies for tests: valid signed transactions, and envelopes of any shape signed the
 * way the protocol signs (so a refusal is due to the shape, not the signature).
 */
public final class TestTransactions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestTransactions() {}

  public static SigningKey freshKey() {
    return SigningKey.generate(RANDOM);
  }

  /** Deterministic key from a small number. */
  public static SigningKey key(int n) {
    byte[] seed = new byte[SigningKey.SEED_LENGTH];
    seed[0] = (byte) n;
    seed[1] = (byte) (n >> 8);
    seed[31] = 0x33;
    return SigningKey.fromSeed(seed);
  }

  public static byte[] bytes(Tx tx) {
    return StrictJson.canonical(tx.json());
  }

  public static byte[] signed(SigningKey key, long nonce, TxBody body) {
    return bytes(TxCodec.sign(key, nonce, body));
  }

  public static byte[] register(SigningKey key, String name) {
    return signed(key, 0, new AccountRegister(name));
  }

  /** An envelope without sig: {v, type, account, nonce, body}. */
  public static ObjectNode envelope(SigningKey key, long nonce, String type, ObjectNode body) {
    ObjectNode env = StrictJson.nodes().objectNode();
    env.put("v", 1);
    env.put("type", type);
    env.put("account", key.publicKey().hex());
    env.put("nonce", nonce);
    env.set("body", body);
    return env;
  }

  public static ObjectNode nameBody(String name) {
    return StrictJson.nodes().objectNode().put("name", name);
  }

  /**
   * Signs {@code unsigned} whatever its shape, over "swarmledger/tx/v1\n" + its canonical JSON, and
   * returns the canonical bytes with sig added.
   */
  public static byte[] signAnyShape(SigningKey key, ObjectNode unsigned) {
    byte[] prefix = Tx.SIGNING_DOMAIN.getBytes(StandardCharsets.UTF_8);
    byte[] json = StrictJson.canonical(unsigned);
    byte[] message = new byte[prefix.length + json.length];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
    System.arraycopy(json, 0, message, prefix.length, json.length);
    ObjectNode env = unsigned.deepCopy();
    env.put("sig", Base64.getEncoder().encodeToString(key.sign(message)));
    return StrictJson.canonical(env);
  }
}
