package dev.swarmledger.protocol.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddCheckpointRequestTest {
  private final String note =
      new CheckpointSigner("log.example", SigningKey.fromSeed(new byte[32]))
          .sign(9, Hash.sha256(new byte[] {9}));
  private final Hash a = Hash.sha256(new byte[] {1});
  private final Hash b = Hash.sha256(new byte[] {2});

  private static AddCheckpointRequest parse(String s) {
    return AddCheckpointRequest.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsTheSpecLayout() {
    AddCheckpointRequest r = new AddCheckpointRequest(4, List.of(a, b), note);
    String body = r.encode();
    assertThat(body)
        .startsWith("old 4\n" + a.base64() + "\n" + b.base64() + "\n\nlog.example\n9\n");
    assertThat(parse(body)).isEqualTo(r);
    assertThat(parse(body).checkpoint().size()).isEqualTo(9);
    assertThat(parse("old 0\n\n" + note).proof()).isEmpty();
  }

  @Test
  void refusesMalformedRequests() {
    assertThatThrownBy(() -> parse("old 01\n\n" + note)).hasMessageContaining("leading zeros");
    assertThatThrownBy(() -> parse("old -1\n\n" + note)).hasMessageContaining("sign");
    assertThatThrownBy(() -> parse("old 99999999999999999999\n\n" + note))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> parse("new 1\n\n" + note)).hasMessageContaining("old <size>");
    assertThatThrownBy(() -> parse("old 1\n" + note)).hasMessageContaining("proof line");
    assertThatThrownBy(() -> parse("old 1\nnot-a-hash\n\n" + note))
        .hasMessageContaining("proof line 1");
    assertThatThrownBy(() -> parse("old 1\n\nnot a checkpoint\n\n\u2014 x AAAA\n"))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> parse("old 1")).hasMessageContaining("blank line");
    String tooMany = String.join("", Collections.nCopies(64, a.base64() + "\n"));
    assertThatThrownBy(() -> parse("old 1\n" + tooMany + "\n" + note))
        .hasMessageContaining("at most 63");
    assertThatThrownBy(
            () -> AddCheckpointRequest.parse(new byte[] {'o', 'l', 'd', ' ', (byte) 0xC3}))
        .hasMessageContaining("UTF-8");
  }
}
