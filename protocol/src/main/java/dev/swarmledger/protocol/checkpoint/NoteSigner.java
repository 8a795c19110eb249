package dev.swarmledger.protocol.checkpoint;

import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Signs texts as C2SP signed notes under a key name. */
public final class NoteSigner {
  private final String name;
  private final SigningKey key;
  private final NoteVerifierKey verifierKey;

  public NoteSigner(String name, SigningKey key) {
    Objects.requireNonNull(key, "key");
    this.verifierKey = NoteVerifierKey.of(name, key.publicKey());
    this.name = name;
    this.key = key;
  }

  /** The full note: {@code text}, a blank line, and this key's signature line. */
  public String sign(String text) {
    NoteText.checkText(text);
    byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
    SignedNote.Signature line = new SignedNote.Signature(name, verifierKey.keyId(), signature);
    return text + "\n" + line.line();
  }

  public NoteVerifierKey verifierKey() {
    return verifierKey;
  }
}
