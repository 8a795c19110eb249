package dev.swarmledger.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.protocol.Vectors;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The C2SP signed-note example and the golang.org/x/mod sumdb/note vector. */
class SignedNoteVectorsTest {
  private static final JsonNode CASES = Vectors.load("c2sp-signed-note.json").get("cases");

  private static NoteVerifierKey keyOf(JsonNode c) {
    return NoteVerifierKey.of(
        c.get("name").asText(), PublicKey.fromHex(c.get("public_key").asText()));
  }

  private static String note(JsonNode c) {
    return c.get("text").asText()
        + "\n\u2014 "
        + c.get("name").asText()
        + " "
        + c.get("signature_b64").asText()
        + "\n";
  }

  @Test
  void vectorsAreThere() {
    assertThat(CASES).hasSize(2);
  }

  @Test
  void keyIdVkeyParsingAndEncoding() {
    JsonNode c = CASES.get(0);
    NoteVerifierKey key = keyOf(c);
    assertThat(HexFormat.of().formatHex(key.keyId())).isEqualTo(c.get("key_id").asText());
    assertThat(key.encode()).isEqualTo(c.get("vkey").asText());

    NoteVerifierKey parsed = NoteVerifierKey.parse(c.get("vkey").asText());
    assertThat(parsed).isEqualTo(key);
    assertThat(parsed.name()).isEqualTo("example.com/foo");
    assertThat(parsed.publicKey().hex()).isEqualTo(c.get("public_key").asText());
    assertThat(HexFormat.of().formatHex(parsed.keyId())).isEqualTo(c.get("key_id").asText());
  }

  @Test
  void signatureLineCarriesTheKeyId() {
    for (JsonNode c : CASES) {
      byte[] blob = Base64.getDecoder().decode(c.get("signature_b64").asText());
      assertThat(blob).hasSize(68);
      assertThat(java.util.Arrays.copyOf(blob, 4)).isEqualTo(keyOf(c).keyId());
    }
  }

  @Test
  void everySignatureVerifies() {
    for (JsonNode c : CASES) {
      SignedNote note = SignedNote.parse(note(c));
      assertThat(note.text()).isEqualTo(c.get("text").asText());
      assertThat(note.signatures()).hasSize(1);
      assertThat(note.signatures().get(0).name()).isEqualTo(c.get("name").asText());
      assertThat(note.verifiedBy(keyOf(c))).as(c.get("name").asText()).isTrue();
    }
  }

  @Test
  void signatureDoesNotVerifyForOtherKeysOrOtherText() {
    NoteVerifierKey first = keyOf(CASES.get(0));
    NoteVerifierKey second = keyOf(CASES.get(1));
    assertThat(SignedNote.parse(note(CASES.get(0))).verifiedBy(second)).isFalse();
    assertThat(SignedNote.parse(note(CASES.get(1))).verifiedBy(first)).isFalse();
    String tampered = note(CASES.get(0)).replace("example message", "exemplary message");
    assertThat(SignedNote.parse(tampered).verifiedBy(first)).isFalse();
    // Same key under another name has another key id, so the signature is not its.
    NoteVerifierKey renamed = NoteVerifierKey.of("example.com/bar", first.publicKey());
    assertThat(SignedNote.parse(note(CASES.get(0))).verifiedBy(renamed)).isFalse();
  }

  @Test
  void signingWithTheSeedReproducesTheSignature() {
    JsonNode c = CASES.get(1);
    SigningKey key = SigningKey.fromSeed(Vectors.hex(c.get("seed")));
    assertThat(key.publicKey().hex()).isEqualTo(c.get("public_key").asText());
    NoteSigner signer = new NoteSigner(c.get("name").asText(), key);
    assertThat(signer.sign(c.get("text").asText())).isEqualTo(note(c));
    assertThat(signer.verifierKey()).isEqualTo(keyOf(c));
    assertThat(NoteVerifierKey.parse(signer.verifierKey().encode())).isEqualTo(keyOf(c));
  }
}
