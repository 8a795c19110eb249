package dev.swarmledger.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.protocol.Vectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8032 §7.1 Ed25519 test vectors. */
class Ed25519VectorsTest {
  static Stream<JsonNode> cases() {
    JsonNode cases = Vectors.load("rfc8032-ed25519.json").get("cases");
    assertThat(cases).hasSize(3);
    return StreamSupport.stream(cases.spliterator(), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void seedGivesPublicKey(JsonNode c) {
    SigningKey key = SigningKey.fromSeed(Vectors.hex(c.get("secret_key")));
    assertThat(key.publicKey().hex()).isEqualTo(c.get("public_key").asText());
    assertThat(key.seed()).isEqualTo(Vectors.hex(c.get("secret_key")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signingGivesExactSignature(JsonNode c) {
    SigningKey key = SigningKey.fromSeed(Vectors.hex(c.get("secret_key")));
    assertThat(key.sign(Vectors.hex(c.get("message")))).isEqualTo(Vectors.hex(c.get("signature")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void signatureVerifiesAndTamperingFails(JsonNode c) {
    PublicKey pub = PublicKey.fromHex(c.get("public_key").asText());
    byte[] message = Vectors.hex(c.get("message"));
    byte[] signature = Vectors.hex(c.get("signature"));
    assertThat(pub.verify(message, signature)).isTrue();

    for (int bit = 0; bit < signature.length * 8; bit += 7) {
      byte[] bad = signature.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(pub.verify(message, bad)).as("signature bit %d flipped", bit).isFalse();
    }
    byte[] longer = new byte[message.length + 1];
    System.arraycopy(message, 0, longer, 0, message.length);
    assertThat(pub.verify(longer, signature)).isFalse();
    if (message.length > 0) {
      byte[] changed = message.clone();
      changed[0] ^= 1;
      assertThat(pub.verify(changed, signature)).isFalse();
    }
  }
}
