package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;

/** Signs checkpoints of one log; the origin doubles as the key name, as C2SP recommends. */
public final class CheckpointSigner {
  private final String origin;
  private final NoteSigner signer;

  public CheckpointSigner(String origin, SigningKey key) {
    this.signer = new NoteSigner(origin, key);
    this.origin = origin;
  }

  /** The signed note for the tree of {@code size} leaves with this {@code root}. */
  public String sign(long size, Hash root) {
    return signer.sign(new Checkpoint(origin, size, root).body());
  }

  public String origin() {
    return origin;
  }

  public NoteVerifierKey verifierKey() {
    return signer.verifierKey();
  }
}
