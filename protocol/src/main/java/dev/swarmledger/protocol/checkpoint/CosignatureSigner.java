package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.ByteBuffer;
import java.util.Objects;

/** Signs C2SP {@code cosignature/v1} lines over checkpoints: the witness side of a cosignature. */
public final class CosignatureSigner {
  private final SigningKey key;
  private final CosignerKey cosignerKey;

  public CosignatureSigner(String name, SigningKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.cosignerKey = CosignerKey.of(name, key.publicKey());
  }

  /**
   * The cosignature line over {@code checkpointText} (the note text, ending with a newline, no
   * signature lines) at {@code timestamp} seconds since the epoch (must be positive: the
   * tlog-witness spec forbids omitting it).
   */
  public SignedNote.Signature cosign(String checkpointText, long timestamp) {
    NoteText.checkText(checkpointText);
    if (timestamp <= 0) {
      throw new IllegalArgumentException("cosignature timestamp must be positive: " + timestamp);
    }
    byte[] signature = key.sign(CosignerKey.message(checkpointText, timestamp));
    byte[] blob =
        ByteBuffer.allocate(CosignerKey.SIGNATURE_BLOB).putLong(timestamp).put(signature).array();
    return new SignedNote.Signature(cosignerKey.name(), cosignerKey.keyId(), blob);
  }

  public CosignerKey key() {
    return cosignerKey;
  }
}
