package dev.swarmledger.protocol.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlobPutSignatureTest {
  private static final SigningKey KEY = SigningKey.fromSeed(new byte[32]);
  private static final Hash HASH = Hash.sha256("weights".getBytes(StandardCharsets.UTF_8));

  @Test
  void messageIsTheDomainTheHexHashAndTheDecimalLength() {
    assertThat(new String(BlobPutSignature.message(HASH, 7), StandardCharsets.US_ASCII))
        .isEqualTo("swarmledger/blob-put/v1\n" + HASH.hex() + "\n7");
  }

  @Test
  void verifiesOnlyTheSignedHashLengthAndKey() {
    byte[] sig = BlobPutSignature.sign(KEY, HASH, 7);
    assertThat(BlobPutSignature.verifies(KEY.publicKey(), HASH, 7, sig)).isTrue();
    assertThat(BlobPutSignature.verifies(KEY.publicKey(), HASH, 8, sig)).isFalse();
    Hash other = Hash.sha256(new byte[] {1});
    assertThat(BlobPutSignature.verifies(KEY.publicKey(), other, 7, sig)).isFalse();
    byte[] seed = new byte[32];
    seed[0] = 1;
    assertThat(BlobPutSignature.verifies(SigningKey.fromSeed(seed).publicKey(), HASH, 7, sig))
        .isFalse();
    assertThat(BlobPutSignature.verifies(KEY.publicKey(), HASH, -1, sig)).isFalse();
  }

  @Test
  void negativeLengthHasNoMessage() {
    assertThatThrownBy(() -> BlobPutSignature.message(HASH, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
