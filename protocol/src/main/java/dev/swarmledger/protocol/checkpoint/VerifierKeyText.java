package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The C2SP text form of a verifier key, {@code name+keyid+base64(type ‖ public key)}, shared by
 * signed-note verifier keys (type 0x01) and witness cosigner keys (type 0x04).
 */
final class VerifierKeyText {
  private VerifierKeyText() {}

  static String encode(String name, byte[] keyId, byte type, PublicKey publicKey) {
    byte[] key = new byte[1 + PublicKey.LENGTH];
    key[0] = type;
    System.arraycopy(publicKey.bytes(), 0, key, 1, PublicKey.LENGTH);
    return name
        + "+"
        + HexFormat.of().formatHex(keyId)
        + "+"
        + Base64.getEncoder().encodeToString(key);
  }
}
