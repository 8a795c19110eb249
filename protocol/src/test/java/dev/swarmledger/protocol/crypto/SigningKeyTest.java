package dev.swarmledger.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
  @Test
  void seedRoundTripsAndSigningIsDeterministic() {
    SigningKey key = SigningKey.generate(new SecureRandom());
    SigningKey again = SigningKey.fromSeed(key.seed());
    assertThat(again.publicKey()).isEqualTo(key.publicKey());
    byte[] message = {42};
    assertThat(again.sign(message)).isEqualTo(key.sign(message)).hasSize(64);
  }

  @Test
  void generatedKeysDiffer() {
    SecureRandom random = new SecureRandom();
    assertThat(SigningKey.generate(random).publicKey())
        .isNotEqualTo(SigningKey.generate(random).publicKey());
  }

  @Test
  void rejectsSeedOfWrongLength() {
    assertThatThrownBy(() -> SigningKey.fromSeed(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SigningKey.fromSeed(new byte[64]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringDoesNotLeakTheSeed() {
    SigningKey key = SigningKey.fromSeed(new byte[32]);
    assertThat(key.toString())
        .contains(key.publicKey().hex())
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(key.seed()))
        .doesNotContain("0000000000000000");
  }
}
