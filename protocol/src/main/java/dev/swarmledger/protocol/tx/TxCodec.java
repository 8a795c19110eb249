package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.TxRegistry;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import java.util.Base64;

/** Strict decoding of transaction envelopes, and signing of new ones. */
public final class TxCodec {
  public static final int VERSION = 1;

  private TxCodec() {}

  /**
   * Decodes an envelope from request bytes; refuses anything malformed with a {@link Rejection}.
   */
  public static Tx decode(byte[] utf8) {
    return decode(StrictJson.parseObject(utf8));
  }

  public static Tx decode(JsonNode envelope) {
    JsonFields f = JsonFields.of(envelope, "tx");
    long v = f.integer("v", 0, Integer.MAX_VALUE);
    if (v != VERSION) {
      throw new Rejection(ErrorCode.UNSUPPORTED_VERSION, "unsupported envelope version " + v);
    }
    String typeName = f.text("type");
    TxType type =
        TxType.fromWire(typeName)
            .orElseThrow(
                () ->
                    new Rejection(
                        ErrorCode.UNKNOWN_TX_TYPE, "unknown transaction type " + typeName));
    PublicKey account = accountId(f.text("account"), "tx.account");
    long nonce = f.nonNegative("nonce");
    TxBody body = TxRegistry.decode(type, f.object("body"));
    byte[] sig = signature(f.text("sig"));
    f.done();
    return new Tx(type, account, nonce, body, sig, (ObjectNode) envelope);
  }

  /** Builds and signs an envelope for {@code body} with the given nonce. */
  public static Tx sign(SigningKey key, long nonce, TxBody body) {
    ObjectNode env = StrictJson.nodes().objectNode();
    env.put("v", VERSION);
    env.put("type", body.type().wireName());
    env.put("account", key.publicKey().hex());
    env.put("nonce", nonce);
    env.set("body", TxRegistry.encode(body));
    byte[] sig = key.sign(Tx.signingBytes(env));
    env.put("sig", Base64.getEncoder().encodeToString(sig));
    // Decode the bytes everyone else will see, not the tree just built: a value without a
    // canonical form of its own (-0.0 is written "0") must not leave the signer holding a body
    // that differs from the node's and every auditor's.
    return decode(StrictJson.canonical(env));
  }

  /** Parses an account id: exactly 64 lowercase hex characters of an Ed25519 public key. */
  public static PublicKey accountId(String hex, String where) {
    if (hex.length() != 64
        || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new Rejection(
          ErrorCode.INVALID_ACCOUNT, where + " must be 64 lowercase hex characters");
    }
    try {
      return PublicKey.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.INVALID_ACCOUNT, where + " is not a valid Ed25519 public key");
    }
  }

  private static byte[] signature(String b64) {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.INVALID_SIGNATURE_ENCODING, "tx.sig is not base64");
    }
    if (sig.length != 64 || !Base64.getEncoder().encodeToString(sig).equals(b64)) {
      throw new Rejection(
          ErrorCode.INVALID_SIGNATURE_ENCODING, "tx.sig must be the base64 of 64 bytes");
    }
    return sig;
  }
}
