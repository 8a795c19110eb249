package dev.swarmledger.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  private static final String ORIGIN = "ledger.swarmledger.dev/log";
  private static final SigningKey KEY = SigningKey.fromSeed(new byte[32]);
  private static final CheckpointSigner SIGNER = new CheckpointSigner(ORIGIN, KEY);
  private static final CheckpointVerifier VERIFIER = new CheckpointVerifier(SIGNER.verifierKey());
  private static final Hash ROOT = Hash.sha256(new byte[] {1});

  @Test
  void bodyIsTheTlogCheckpointFormat() {
    Checkpoint checkpoint = new Checkpoint(ORIGIN, 42, ROOT);
    assertThat(checkpoint.body()).isEqualTo(ORIGIN + "\n42\n" + ROOT.base64() + "\n");
    assertThat(Checkpoint.parseBody(checkpoint.body())).isEqualTo(checkpoint);
  }

  @Test
  void signedCheckpointVerifies() {
    String note = SIGNER.sign(42, ROOT);
    assertThat(note).startsWith(ORIGIN + "\n42\n" + ROOT.base64() + "\n\n\u2014 " + ORIGIN + " ");
    assertThat(VERIFIER.verify(note)).isEqualTo(new Checkpoint(ORIGIN, 42, ROOT));
    assertThat(SIGNER.verifierKey().name()).isEqualTo(ORIGIN);
  }

  @Property(tries = 100)
  void signAndVerifyRoundTrip(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long size, @ForAll @Size(32) byte[] root) {
    Checkpoint checkpoint = VERIFIER.verify(SIGNER.sign(size, Hash.of(root)));
    assertThat(checkpoint).isEqualTo(new Checkpoint(ORIGIN, size, Hash.of(root)));
  }

  @Test
  void extensionLinesAreTolerated() {
    Checkpoint parsed =
        Checkpoint.parseBody(ORIGIN + "\n7\n" + ROOT.base64() + "\nextension line\n");
    assertThat(parsed).isEqualTo(new Checkpoint(ORIGIN, 7, ROOT));
  }

  @Test
  void parseBodyIsStrict() {
    String root = ROOT.base64();
    String[] bad = {
      "",
      ORIGIN + "\n7\n" + root,
      ORIGIN + "\n7\n",
      "\n7\n" + root + "\n",
      ORIGIN + "\n07\n" + root + "\n",
      ORIGIN + "\n+7\n" + root + "\n",
      ORIGIN + "\n-7\n" + root + "\n",
      ORIGIN + "\n 7\n" + root + "\n",
      ORIGIN + "\n7.0\n" + root + "\n",
      ORIGIN + "\n\n" + root + "\n",
      ORIGIN + "\n99999999999999999999\n" + root + "\n",
      ORIGIN + "\n7\n" + root.replace("=", "") + "\n",
      ORIGIN + "\n7\n" + Hash.sha256().hex() + "\n",
      ORIGIN + "\n7\n" + root + "\n\n",
      ORIGIN + "\n7\n" + root + "\next\n\n",
    };
    for (String body : bad) {
      assertThatThrownBy(() -> Checkpoint.parseBody(body))
          .as("body %s", body.replace("\n", "\\n"))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Checkpoint.parseBody(ORIGIN + "\n0\n" + root + "\n").size()).isZero();
    assertThat(Checkpoint.parseBody(ORIGIN + "\n9223372036854775807\n" + root + "\n").size())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void verifierRefusesAnotherKey() {
    CheckpointSigner impostor =
        new CheckpointSigner(ORIGIN, SigningKey.generate(new SecureRandom()));
    assertThatThrownBy(() -> VERIFIER.verify(impostor.sign(42, ROOT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no valid signature");
  }

  @Test
  void verifierRefusesAnotherOrigin() {
    CheckpointSigner otherLog = new CheckpointSigner("other.example/log", KEY);
    assertThatThrownBy(() -> VERIFIER.verify(otherLog.sign(42, ROOT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("origin");
    // Right name but a body naming another origin, signed by our key under our name.
    NoteSigner raw = new NoteSigner(ORIGIN, KEY);
    String note = raw.sign(new Checkpoint("other.example/log", 42, ROOT).body());
    assertThatThrownBy(() -> VERIFIER.verify(note)).hasMessageContaining("origin");
  }

  @Test
  void verifierRefusesTamperedAndMalformedNotes() {
    String note = SIGNER.sign(42, ROOT);
    assertThatThrownBy(() -> VERIFIER.verify(note.replace("\n42\n", "\n43\n")))
        .hasMessageContaining("no valid signature");
    assertThatThrownBy(() -> VERIFIER.verify(note.replace("\n42\n", "\n042\n")))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> VERIFIER.verify("garbage")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> VERIFIER.verify(null)).isInstanceOf(IllegalArgumentException.class);
    String bodyOnly = new Checkpoint(ORIGIN, 42, ROOT).body();
    assertThatThrownBy(() -> VERIFIER.verify(bodyOnly)).hasMessageContaining("malformed");
  }

  @Test
  void verifierKeyTextRoundTripsIntoAVerifier() {
    CheckpointVerifier fromText =
        new CheckpointVerifier(NoteVerifierKey.parse(SIGNER.verifierKey().encode()));
    assertThat(fromText.verify(SIGNER.sign(1, ROOT)).size()).isEqualTo(1);
  }

  @Test
  void checkpointRefusesBadFields() {
    assertThatThrownBy(() -> new Checkpoint("", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, -1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint(ORIGIN, 1, null))
        .isInstanceOf(NullPointerException.class);
  }
}
