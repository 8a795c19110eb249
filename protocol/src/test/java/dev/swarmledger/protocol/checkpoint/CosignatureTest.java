package dev.swarmledger.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class CosignatureTest {
  private static final byte[] SEED = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      SEED[i] = (byte) (i + 1);
    }
  }

  private static final String NAME = "witness.example/w1";
  private static final String TEXT =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  // Computed independently with Python's `cryptography` Ed25519 from the C2SP tlog-cosignature
  // text: key id SHA-256(name || 0x0A || 0x04 || pub)[:4], message "cosignature/v1\ntime
  // <t>\n" + body, blob key id || u64be(t) || signature. The timestamp bytes match the spec's
  // example line.
  private static final String VKEY =
      "witness.example/w1+468d99bb+BHm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk";
  private static final String LINE =
      "\u2014 witness.example/w1 Ro2ZuwAAAABkGFDLQB2dbiQ7rPMIDjq/twq5Ixt42T+awjiYS4+fxrnLnI31x5ab"
          + "VjZlhDVvZAcRRLyAiG4oQlhTgi4DsxiPwiDaDg==\n";

  private final SigningKey logKey = SigningKey.fromSeed(new byte[32]);
  private final CosignatureSigner witness = new CosignatureSigner(NAME, SigningKey.fromSeed(SEED));

  @Test
  void matchesTheIndependentlyComputedVector() {
    assertThat(witness.key().encode()).isEqualTo(VKEY);
    assertThat(witness.cosign(TEXT, 1679315147L).line()).isEqualTo(LINE);
    SignedNote note =
        SignedNote.parse(
            TEXT
                + "\n"
                + new NoteSigner("example.com/behind-the-sofa", logKey)
                    .sign(TEXT)
                    .substring(TEXT.length() + 1)
                + LINE);
    assertThat(CosignerKey.parse(VKEY).cosignature(note)).hasValue(1679315147L);
  }

  @Test
  void keyParsingChecksTypeAndKeyId() {
    CosignerKey k = CosignerKey.parse(VKEY);
    assertThat(k).isEqualTo(witness.key());
    assertThat(CosignerKey.parse(k.encode()).encode()).isEqualTo(VKEY);
    assertThatThrownBy(() -> CosignerKey.parse(VKEY.replace("468d99bb", "468d99bc")))
        .hasMessageContaining("does not match");
    // A signed-note (0x01) key is not a cosigner key, even for the same public key.
    String noteKey = NoteVerifierKey.of(NAME, witness.key().publicKey()).encode();
    assertThatThrownBy(() -> CosignerKey.parse(noteKey)).hasMessageContaining("0x04");
    assertThatThrownBy(() -> NoteVerifierKey.parse(VKEY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCosignatureIsBoundToTheCheckpointText() {
    String note = new CheckpointSigner("log.example", logKey).sign(5, Hash.sha256(new byte[] {1}));
    SignedNote parsed = SignedNote.parse(note);
    String line = witness.cosign(parsed.text(), 42).line();
    assertThat(witness.key().cosignature(SignedNote.parse(note + line))).hasValue(42L);

    String other = new CheckpointSigner("log.example", logKey).sign(6, Hash.sha256(new byte[] {1}));
    assertThat(witness.key().cosignature(SignedNote.parse(other + line))).isEmpty();
    // Same key under another name: another key id, so the line is not this cosigner's.
    CosignerKey renamed = CosignerKey.of("other.example/w", witness.key().publicKey());
    assertThat(renamed.cosignature(SignedNote.parse(note + line))).isEmpty();
    // A note signature (no timestamp) is not a cosignature.
    assertThat(witness.key().cosignature(parsed)).isEmpty();
  }

  @Test
  void aTamperedTimestampFails() {
    String note = new CheckpointSigner("log.example", logKey).sign(1, Hash.sha256(new byte[0]));
    SignedNote.Signature s = witness.cosign(SignedNote.parse(note).text(), 1000);
    byte[] blob = s.signature();
    blob[7] ^= 1;
    String forged = new SignedNote.Signature(s.name(), s.keyId(), blob).line();
    assertThat(witness.key().cosignature(SignedNote.parse(note + forged))).isEmpty();
  }

  @Test
  void zeroTimestampIsRefused() {
    assertThatThrownBy(() -> witness.cosign(TEXT, 0)).hasMessageContaining("positive");
  }

  @Test
  void quorumCountsDistinctConfiguredWitnesses() {
    CosignatureSigner w2 = new CosignatureSigner("w2.example", SigningKey.fromSeed(seed(2)));
    CosignatureSigner w3 = new CosignatureSigner("w3.example", SigningKey.fromSeed(seed(3)));
    String note = new CheckpointSigner("log.example", logKey).sign(3, Hash.sha256(new byte[] {3}));
    String text = SignedNote.parse(note).text();
    String twice = note + witness.cosign(text, 7).line() + w2.cosign(text, 7).line();
    WitnessQuorum two = new WitnessQuorum(List.of(witness.key(), w2.key(), w3.key()), 2);
    two.check(twice);
    assertThatThrownBy(() -> two.check(note + witness.cosign(text, 7).line()))
        .hasMessageContaining("cosigned by 1 of the configured witnesses; 2 required");
    // An unconfigured witness does not count.
    WitnessQuorum onlyW3 = new WitnessQuorum(List.of(w3.key()), 1);
    assertThatThrownBy(() -> onlyW3.check(twice)).hasMessageContaining("cosigned by 0");
  }

  @Test
  void oneKeyListedUnderTwoNamesIsOneWitness() {
    // cosignature/v1 does not sign the name, so the same key under a second name could
    // "cosign" twice with one signature; the quorum counts keys, not names.
    CosignerKey alias = CosignerKey.of("alias.example", witness.key().publicKey());
    assertThatThrownBy(() -> new WitnessQuorum(List.of(witness.key(), alias), 2))
        .hasMessageContaining("1 distinct");
    String note = new CheckpointSigner("log.example", logKey).sign(3, Hash.sha256(new byte[] {3}));
    String text = SignedNote.parse(note).text();
    SignedNote.Signature s = witness.cosign(text, 9);
    String aliasLine = new SignedNote.Signature(alias.name(), alias.keyId(), s.signature()).line();
    WitnessQuorum q = new WitnessQuorum(List.of(witness.key(), alias), 1);
    assertThat(q.cosigners(SignedNote.parse(note + s.line() + aliasLine))).hasSize(1);
  }

  @Test
  void quorumMustBeReachable() {
    assertThatThrownBy(() -> new WitnessQuorum(List.of(witness.key()), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WitnessQuorum(List.of(witness.key()), 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }
}
