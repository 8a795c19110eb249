package dev.swarmledger.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.SigningKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Strict parsing of signed notes and verifier keys: what must be refused, and what is ignored. */
class SignedNoteTest {
  private static final SigningKey ALICE = SigningKey.fromSeed(new byte[32]);
  private static final SigningKey BOB = SigningKey.fromSeed(filled(7));
  private static final NoteSigner ALICE_SIGNER = new NoteSigner("alice.example/log", ALICE);
  private static final NoteSigner BOB_SIGNER = new NoteSigner("bob.example/witness", BOB);
  private static final String TEXT = "hello\nworld\n";

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  private static String aliceNote() {
    return ALICE_SIGNER.sign(TEXT);
  }

  private static void refused(String note, String messagePart) {
    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void signedNoteHasTheSpecLayout() {
    String note = aliceNote();
    assertThat(note).startsWith(TEXT + "\n\u2014 alice.example/log ").endsWith("\n");
    assertThat(note.split("\n")).hasSize(4);
    SignedNote parsed = SignedNote.parse(note);
    assertThat(parsed.text()).isEqualTo(TEXT);
    assertThat(parsed.verifiedBy(ALICE_SIGNER.verifierKey())).isTrue();
    assertThat(parsed.signatures().get(0).line()).isEqualTo(note.substring(TEXT.length() + 1));
  }

  @Test
  void cosignaturesAreKeptAndUnknownSignersIgnored() {
    String alice = aliceNote();
    String bobLine = BOB_SIGNER.sign(TEXT).substring(TEXT.length() + 1);
    SignedNote both = SignedNote.parse(alice + bobLine);
    assertThat(both.signatures()).hasSize(2);
    assertThat(both.verifiedBy(ALICE_SIGNER.verifierKey())).isTrue();
    assertThat(both.verifiedBy(BOB_SIGNER.verifierKey())).isTrue();
    // An unknown key's signature (random bytes, odd length) neither helps nor hurts.
    String unknown =
        "\u2014 someone.else "
            + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7})
            + "\n";
    SignedNote withUnknown = SignedNote.parse(alice + unknown);
    assertThat(withUnknown.verifiedBy(ALICE_SIGNER.verifierKey())).isTrue();
    assertThat(withUnknown.verifiedBy(BOB_SIGNER.verifierKey())).isFalse();
  }

  @Test
  void textMayContainBlankLines() {
    String text = "a\n\nb\n";
    SignedNote parsed = SignedNote.parse(ALICE_SIGNER.sign(text));
    assertThat(parsed.text()).isEqualTo(text);
    assertThat(parsed.verifiedBy(ALICE_SIGNER.verifierKey())).isTrue();
  }

  @Test
  void refusesMalformedNotes() {
    String good = aliceNote();
    String line = good.substring(TEXT.length() + 1);
    refused(null, "empty");
    refused("", "empty");
    refused(TEXT, "no blank line");
    refused(TEXT + "\n", "no signature lines");
    refused(good.substring(0, good.length() - 1), "end with a newline");
    refused(TEXT + "\n" + line.replace("\u2014", "-"), "em dash");
    refused(TEXT + "\n" + line.replace("\u2014 ", "\u2014"), "em dash");
    refused(TEXT + "\n" + line + "\n", "no signature lines");
    refused(TEXT + "\n" + line + "garbage\n", "signature line 2");
    refused(TEXT + "\n" + line.replaceFirst(" [^ ]+$", " !!!!\n"), "base64");
    refused(TEXT + "\n" + line.replaceFirst("=\n$", "\n"), "base64");
    refused(
        TEXT + "\n\u2014 a+b " + Base64.getEncoder().encodeToString(new byte[68]) + "\n", "'+'");
    refused(TEXT + "\n\u2014  " + Base64.getEncoder().encodeToString(new byte[68]) + "\n", "empty");
    refused(
        TEXT + "\n\u2014 short " + Base64.getEncoder().encodeToString(new byte[4]) + "\n",
        "too short");
    refused("tab\there\n\n" + line, "control character");
    refused(TEXT.replace("\n", "\r\n") + "\r\n" + line, "control character");
    refused(TEXT + "\n" + line + line, "repeats key");
  }

  @Test
  void refusesMoreThanOneHundredSignatures() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      lines
          .append("\u2014 w")
          .append(i)
          .append(' ')
          .append(Base64.getEncoder().encodeToString(new byte[68]))
          .append('\n');
    }
    refused(TEXT + "\n" + lines, "more than 100");
    String hundred = lines.substring(lines.indexOf("\u2014 w1 "));
    assertThat(SignedNote.parse(TEXT + "\n" + hundred).signatures()).hasSize(100);
  }

  @Test
  void signerRefusesUnsignableText() {
    assertThatThrownBy(() -> ALICE_SIGNER.sign("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ALICE_SIGNER.sign("no newline"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newline");
    assertThatThrownBy(() -> ALICE_SIGNER.sign("bell\u0007\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoteSigner("has space", ALICE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoteSigner("a+b", ALICE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoteSigner("", ALICE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoteSigner("nbsp\u00a0name", ALICE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifierKeyRoundTripsAndRefusesBadKeys() {
    NoteVerifierKey key = ALICE_SIGNER.verifierKey();
    String vkey = key.encode();
    assertThat(NoteVerifierKey.parse(vkey)).isEqualTo(key);
    assertThat(NoteVerifierKey.parse(vkey).keyId()).isEqualTo(key.keyId());
    String[] parts = vkey.split("\\+");

    String wrongId =
        parts[0]
            + "+"
            + (parts[1].startsWith("0") ? "1" : "0")
            + parts[1].substring(1)
            + "+"
            + parts[2];
    assertThatThrownBy(() -> NoteVerifierKey.parse(wrongId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> NoteVerifierKey.parse("other.name+" + parts[1] + "+" + parts[2]))
        .hasMessageContaining("does not match");
    assertThatThrownBy(
            () -> NoteVerifierKey.parse(parts[0] + "+" + parts[1].toUpperCase() + "+" + parts[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NoteVerifierKey.parse(parts[0] + "+" + parts[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NoteVerifierKey.parse(vkey + "+extra"))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] otherAlgorithm = Base64.getDecoder().decode(parts[2]);
    otherAlgorithm[0] = 0x02;
    assertThatThrownBy(
            () ->
                NoteVerifierKey.parse(
                    parts[0]
                        + "+"
                        + parts[1]
                        + "+"
                        + Base64.getEncoder().encodeToString(otherAlgorithm)))
        .hasMessageContaining("Ed25519");
    assertThatThrownBy(() -> NoteVerifierKey.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HexFormat.of().formatHex(key.keyId())).isEqualTo(parts[1]);
  }
}
