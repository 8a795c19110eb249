package dev.swarmledger.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class KeyFileCodecTest {
  private static final byte[] SEED =
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

  @Test
  void encodesTheDocumentedFormat() {
    assertThat(KeyFileCodec.encode(SigningKey.fromSeed(SEED)))
        .isEqualTo(
            "swarmledger-ed25519-private-key-v1\n"
                + "seed: nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=\n"
                + "public: d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\n");
  }

  @Property(tries = 200)
  void roundTrips(@ForAll @Size(32) byte[] seed) {
    SigningKey key = SigningKey.fromSeed(seed);
    String text = KeyFileCodec.encode(key);
    SigningKey decoded = KeyFileCodec.decode(text);
    assertThat(decoded.seed()).isEqualTo(seed);
    assertThat(decoded.publicKey()).isEqualTo(key.publicKey());
    // What editors and mail clients do to a text file must not matter.
    assertThat(KeyFileCodec.decode(text.replace("\n", "\r\n")).seed()).isEqualTo(seed);
    assertThat(KeyFileCodec.decode(text.strip()).seed()).isEqualTo(seed);
  }

  @Test
  void rejectsAPublicKeyThatDoesNotMatchTheSeed() {
    String text = KeyFileCodec.encode(SigningKey.fromSeed(SEED));
    String other = SigningKey.fromSeed(new byte[32]).publicKey().hex();
    String tampered = text.replaceAll("public: [0-9a-f]+", "public: " + other);
    assertThatThrownBy(() -> KeyFileCodec.decode(tampered))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match the seed");
  }

  @Test
  void rejectsMalformedFilesWithClearMessages() {
    String good = KeyFileCodec.encode(SigningKey.fromSeed(SEED));
    assertThatThrownBy(() -> KeyFileCodec.decode(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyFileCodec.decode(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a SwarmLedger key file");
    assertThatThrownBy(() -> KeyFileCodec.decode(good.replace("-v1", "-v2")))
        .hasMessageContaining("not a SwarmLedger key file");
    assertThatThrownBy(() -> KeyFileCodec.decode(good.replace("seed:", "sead:")))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> KeyFileCodec.decode(good.replace("public:", "pub:")))
        .hasMessageContaining("line 3");
    assertThatThrownBy(() -> KeyFileCodec.decode(good + "extra: 1\n"))
        .hasMessageContaining("3 lines");
    String shortSeed =
        good.replaceAll("seed: \\S+", "seed: " + Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> KeyFileCodec.decode(shortSeed)).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> KeyFileCodec.decode(good.replaceAll("seed: \\S+", "seed: ***")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64");
  }
}
