package dev.swarmledger.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PublicKeyTest {
  private static final String HEX =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  @Test
  void accountIdRoundTrips() {
    PublicKey key = PublicKey.fromHex(HEX);
    assertThat(key.hex()).isEqualTo(HEX);
    assertThat(key.toString()).isEqualTo(HEX);
    assertThat(PublicKey.of(key.bytes())).isEqualTo(key).hasSameHashCodeAs(key);
  }

  @Test
  void fromHexRejectsUppercaseWrongLengthAndNonHex() {
    assertThatThrownBy(() -> PublicKey.fromHex(HEX.toUpperCase()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowercase");
    assertThatThrownBy(() -> PublicKey.fromHex(HEX.substring(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKey.fromHex(HEX + "00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKey.fromHex("g" + HEX.substring(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ofRejectsWrongLength() {
    assertThatThrownBy(() -> PublicKey.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKey.of(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bytesAreDefensiveCopies() {
    byte[] raw = PublicKey.fromHex(HEX).bytes();
    PublicKey key = PublicKey.of(raw);
    raw[0] ^= 1;
    key.bytes()[1] ^= 1;
    assertThat(key.hex()).isEqualTo(HEX);
  }

  @Test
  void verifyReturnsFalseOnMalformedInputWithoutThrowing() {
    SigningKey signer = SigningKey.generate(new SecureRandom());
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] signature = signer.sign(message);
    PublicKey key = signer.publicKey();
    assertThat(key.verify(message, signature)).isTrue();
    assertThat(key.verify(message, Arrays.copyOf(signature, 63))).isFalse();
    assertThat(key.verify(message, Arrays.copyOf(signature, 65))).isFalse();
    assertThat(key.verify(message, new byte[0])).isFalse();
    assertThat(key.verify(message, null)).isFalse();
    assertThat(key.verify(null, signature)).isFalse();
    // An S value >= the group order must be refused (RFC 8032 §5.1.7 malleability check).
    byte[] highS = signature.clone();
    Arrays.fill(highS, 32, 64, (byte) 0xff);
    assertThat(key.verify(message, highS)).isFalse();
  }

  @Test
  void signaturesFromAnotherKeyFail() {
    SecureRandom random = new SecureRandom();
    SigningKey a = SigningKey.generate(random);
    SigningKey b = SigningKey.generate(random);
    byte[] message = {1, 2, 3};
    assertThat(b.publicKey().verify(message, a.sign(message))).isFalse();
  }
}
