package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.json.StrictJson;
import java.nio.charset.StandardCharsets;

/**
 * A signed transaction envelope (docs/protocol.md): the decoded fields plus the envelope JSON
 * exactly as signed, so that signature checks and leaf bytes never depend on re-encoding the typed
 * body.
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
  // Derived once, lazily: a transaction is checked on a request thread, then applied by the
  // sequencer and encoded into its leaf, and none of that should redo the canonicalisation.
  private volatile byte[] canonical;
  private volatile byte[] signing;
  private volatile Boolean signatureValid;

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
    byte[] b = signing;
    if (b == null) {
      ObjectNode unsigned = envelope.deepCopy();
      unsigned.remove("sig");
      b = signingBytes(unsigned);
      signing = b;
    }
    return b.clone();
  }

  /** RFC 8785 canonical bytes of the whole envelope, {@code sig} included. */
  public byte[] canonical() {
    return canonicalBytes().clone();
  }

  byte[] canonicalBytes() {
    byte[] b = canonical;
    if (b == null) {
      b = StrictJson.canonical(envelope);
      canonical = b;
    }
    return b;
  }

  static byte[] signingBytes(ObjectNode unsignedEnvelope) {
    byte[] prefix = SIGNING_DOMAIN.getBytes(StandardCharsets.UTF_8);
    byte[] body = StrictJson.canonical(unsignedEnvelope);
    byte[] out = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  /** Whether the signature verifies; computed once per instance (instances are immutable). */
  public boolean signatureValid() {
    Boolean v = signatureValid;
    if (v == null) {
      v = account.verify(signingBytes(), signature);
      signatureValid = v;
    }
    return v;
  }

  /** SHA-256 of the canonical envelope: a stable transaction id. */
  public Hash id() {
    return Hash.sha256(canonicalBytes());
  }

  @Override
  public String toString() {
    return type.wireName() + " from " + account.hex() + " nonce " + nonce;
  }
}
