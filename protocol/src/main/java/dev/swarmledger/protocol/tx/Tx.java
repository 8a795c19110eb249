package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.json.StrictJson;
import java.nio.charset.StandardCharsets;

/**
 * A signed transaction envelope (DESIGN.md §3): the decoded fields plus the envelope JSON exactly
 * as signed, so that signature checks and leaf bytes never depend on re-encoding the typed body.
 */
public final class Tx {
  /** Domain separation prefix of every transaction signature. */
  public static final String SIGNING_DOMAIN = "swarmledger/tx/v1\n";

  private final TxType type;
  private final PublicKey account;
  private final long nonce;
  private final TxBody body;
  private final byte[] signature;
  private final ObjectNode envelope;

  Tx(
      TxType type,
      PublicKey account,
      long nonce,
      TxBody body,
      byte[] signature,
      ObjectNode envelope) {
    this.type = type;
    this.account = account;
    this.nonce = nonce;
    this.body = body;
    this.signature = signature.clone();
    this.envelope = envelope.deepCopy();
  }

  public TxType type() {
    return type;
  }

  public PublicKey account() {
    return account;
  }

  public long nonce() {
    return nonce;
  }

  public TxBody body() {
    return body;
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The whole envelope, {@code sig} included (a copy). */
  public ObjectNode json() {
    return envelope.deepCopy();
  }

  /** The bytes the signature covers: the domain prefix and the canonical envelope minus sig. */
  public byte[] signingBytes() {
    ObjectNode unsigned = envelope.deepCopy();
    unsigned.remove("sig");
    return signingBytes(unsigned);
  }

  static byte[] signingBytes(ObjectNode unsignedEnvelope) {
    byte[] prefix = SIGNING_DOMAIN.getBytes(StandardCharsets.UTF_8);
    byte[] body = StrictJson.canonical(unsignedEnvelope);
    byte[] out = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  public boolean signatureValid() {
    return account.verify(signingBytes(), signature);
  }

  /** SHA-256 of the canonical envelope: a stable transaction id. */
  public Hash id() {
    return Hash.sha256(StrictJson.canonical(envelope));
  }

  @Override
  public String toString() {
    return type.wireName() + " from " + account.hex() + " nonce " + nonce;
  }
}
