package dev.swarmledger.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HashTest {
  @Test
  void sha256OfKnownInputs() {
    assertThat(Hash.sha256().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Hash.sha256("abc".getBytes(StandardCharsets.US_ASCII)).hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // Parts are concatenated.
    assertThat(
            Hash.sha256(
                "a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Hash.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void rejectsWrongLengths() {
    assertThatThrownBy(() -> Hash.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.of(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromHex("00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromHex("zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromBase64("AAAA")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonCanonicalBase64() {
    String canonical = Hash.sha256().base64();
    assertThat(Hash.fromBase64(canonical)).isEqualTo(Hash.sha256());
    assertThatThrownBy(() -> Hash.fromBase64(canonical.replace("=", "")))
        .isInstanceOf(IllegalArgumentException.class);
    // Last character carries 2 unused bits: setting one gives another spelling of the same bytes.
    String last = canonical.substring(42, 43);
    String other = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    String twin = canonical.substring(0, 42) + other.charAt(other.indexOf(last) + 1) + "=";
    assertThatThrownBy(() -> Hash.fromBase64(twin)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromBase64(canonical.replace('/', '_').replace('+', '-') + "!"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isImmutable() {
    byte[] raw = new byte[32];
    Hash hash = Hash.of(raw);
    raw[0] = 1;
    hash.bytes()[0] = 2;
    assertThat(hash).isEqualTo(Hash.of(new byte[32]));
  }

  @Property
  void hexRoundTrips(@ForAll @Size(32) byte[] bytes) {
    Hash hash = Hash.of(bytes);
    assertThat(hash.hex()).hasSize(64).isLowerCase();
    assertThat(Hash.fromHex(hash.hex())).isEqualTo(hash).hasSameHashCodeAs(hash);
    assertThat(Hash.fromHex(hash.hex().toUpperCase())).isEqualTo(hash);
    assertThat(hash.toString()).isEqualTo(hash.hex());
    assertThat(hash.bytes()).isEqualTo(bytes);
  }

  @Property
  void base64RoundTrips(@ForAll @Size(32) byte[] bytes) {
    Hash hash = Hash.of(bytes);
    assertThat(hash.base64()).hasSize(44).endsWith("=");
    assertThat(Hash.fromBase64(hash.base64())).isEqualTo(hash);
  }

  @Property
  void equalityIsByContent(@ForAll @Size(32) byte[] a, @ForAll @Size(32) byte[] b) {
    assertThat(Hash.of(a).equals(Hash.of(b))).isEqualTo(java.util.Arrays.equals(a, b));
  }
}
