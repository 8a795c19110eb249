package dev.swarmledger.trainer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InferenceRequestJsonTest {
  private static final byte[] PROMPT = "ROMEO:".getBytes(StandardCharsets.US_ASCII);

  @Property
  void generateRequestsRoundTrip(
      @ForAll @Size(min = 1, max = 300) byte[] prompt,
      @ForAll @IntRange(min = 1, max = InferenceRequest.MAX_BYTES) int bytes,
      @ForAll long seed) {
    InferenceRequest request = InferenceRequest.generate("shakespeare-char", seed, prompt, bytes);
    String json = InferenceRequestJson.toJson(request);
    assertThat(InferenceRequestJson.fromJson(json)).isEqualTo(request);
    assertThat(InferenceRequestJson.toJson(InferenceRequestJson.fromJson(json))).isEqualTo(json);
  }

  @Property
  void scoreRequestsRoundTrip(@ForAll @Size(min = 2, max = 300) byte[] text, @ForAll long seed) {
    InferenceRequest request = InferenceRequest.score("enwik8", seed, text);
    assertThat(InferenceRequestJson.fromJson(InferenceRequestJson.toJson(request)))
        .isEqualTo(request);
  }

  @Test
  void theWireFormIsSnakeCaseWithBase64Bytes() {
    assertThat(
            InferenceRequestJson.toJson(
                InferenceRequest.generate("shakespeare-char", 7, PROMPT, 256)))
        .isEqualTo(
            "{\"format\":\"swarmledger/inference-request/v1\",\"kind\":\"generate\","
                + "\"track\":\"shakespeare-char\",\"seed\":7,\"prompt\":\"Uk9NRU86\",\"bytes\":256}");
    assertThat(
            InferenceRequestJson.toJson(
                InferenceRequest.score("shakespeare-char", 0, new byte[] {(byte) 0xff, 0})))
        .contains("\"kind\":\"score\"", "\"text\":\"/wA=\"")
        .doesNotContain("bytes");
  }

  @Test
  void requestsOverTheByteLimitAreRefusedWithTheLimitNamed() {
    assertThatThrownBy(() -> InferenceRequest.generate("t", 0, PROMPT, 65_537))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("generation asks for 65537 bytes; it must be 1 to 65536");
    assertThatThrownBy(() -> InferenceRequest.score("t", 0, new byte[65_537]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the text has 65537 bytes; the limit is 65536");
    assertThatThrownBy(() -> InferenceRequest.generate("t", 0, new byte[65_537], 1))
        .hasMessage("the prompt has 65537 bytes; the limit is 65536");
    assertThatThrownBy(
            () ->
                InferenceRequestJson.fromJson(
                    "{\"format\":\"swarmledger/inference-request/v1\",\"kind\":\"generate\","
                        + "\"track\":\"t\",\"seed\":0,\"prompt\":\"QQ==\",\"bytes\":65537}"))
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> InferenceRequest.generate("t", 0, PROMPT, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InferenceRequest.generate("t", 0, new byte[0], 5))
        .hasMessageContaining("prompt");
    assertThatThrownBy(() -> InferenceRequest.score("t", 0, new byte[1]))
        .hasMessageContaining("two bytes");
  }

  @Test
  void readingIsStrict() {
    String good =
        "{\"format\":\"swarmledger/inference-request/v1\",\"kind\":\"generate\",\"track\":\"t\","
            + "\"seed\":0,\"prompt\":\"QQ==\",\"bytes\":3";
    assertThat(InferenceRequestJson.fromJson(good + "}").bytes()).isEqualTo(3);
    assertThatThrownBy(() -> InferenceRequestJson.fromJson(good + ",\"temperature\":1}"))
        .hasMessage("unknown inference request field: temperature");
    assertThatThrownBy(() -> InferenceRequestJson.fromJson(good + ",\"text\":\"QUE=\"}"))
        .hasMessage("unknown inference request field: text");
    assertThatThrownBy(() -> InferenceRequestJson.fromJson(good.replace(",\"bytes\":3", "") + "}"))
        .hasMessage("missing inference request field: bytes");
    assertThatThrownBy(() -> InferenceRequestJson.fromJson(good.replace("QQ==", "QQ") + "}"))
        .hasMessage("prompt must be canonical, padded base64");
    assertThatThrownBy(() -> InferenceRequestJson.fromJson(good.replace("QQ==", "QR==") + "}"))
        .hasMessage("prompt must be canonical, padded base64");
    assertThatThrownBy(() -> InferenceRequestJson.fromJson(good.replace("QQ==", "Q Q==") + "}"))
        .hasMessageStartingWith("prompt must be base64");
    assertThatThrownBy(
            () -> InferenceRequestJson.fromJson(good.replace("\"seed\":0", "\"seed\":0.5") + "}"))
        .hasMessage("seed must be an integer");
    assertThatThrownBy(
            () -> InferenceRequestJson.fromJson(good.replace("generate", "sample") + "}"))
        .hasMessage("kind must be generate or score, not sample");
    assertThatThrownBy(() -> InferenceRequestJson.fromJson(good.replace("/v1", "/v0") + "}"))
        .hasMessageContaining("unsupported inference request format");
    assertThatThrownBy(() -> InferenceRequestJson.fromJson("[1]"))
        .hasMessage("inference request must be a JSON object");
  }
}
