package dev.swarmledger.trainer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InferenceResponseJsonTest {
  private static final String STATE = "ab".repeat(32);
  private static final String CLASS = "cpu-avx2-torch2.10.0-openblas0.3.31-t1";

  @Property
  void generateResponsesRoundTrip(
      @ForAll @Size(min = 1, max = 300) byte[] output, @ForAll @LongRange(min = 0) long flops) {
    InferenceResponse response = InferenceResponse.generated(output, flops, STATE, CLASS);
    String json = InferenceResponseJson.toJson(response);
    assertThat(InferenceResponseJson.fromJson(json)).isEqualTo(response);
    assertThat(InferenceResponseJson.toJson(InferenceResponseJson.fromJson(json))).isEqualTo(json);
  }

  @Property
  void scoreResponsesRoundTripBitForBit(
      @ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = -50, max = 0) Double> values) {
    double[] logprobs = values.stream().mapToDouble(Double::doubleValue).toArray();
    InferenceResponse response = InferenceResponse.scored(logprobs, 12, STATE, CLASS);
    InferenceResponse back = InferenceResponseJson.fromJson(InferenceResponseJson.toJson(response));
    assertThat(back).isEqualTo(response);
    for (int i = 0; i < logprobs.length; i++) {
      assertThat(Double.doubleToRawLongBits(back.logprobs()[i]))
          .isEqualTo(Double.doubleToRawLongBits(logprobs[i]));
    }
  }

  @Test
  void aScoreCarriesTheExactSumAndItsBitsPerByte() {
    // Added left to right in doubles, the -1 is lost against -1e16 (-5 or -7); summed exactly, -6.
    InferenceResponse response =
        InferenceResponse.scored(new double[] {-1e16, -1, 1e16 - 2, -3}, 0, STATE, CLASS);
    assertThat(response.sum()).isEqualTo(-6.0);
    assertThat(response.bpb()).isEqualTo(6.0 / (Math.log(2) * 4));
  }

  @Test
  void aResponseWhoseDataContradictsItsDerivedFieldsIsRefused() {
    String json =
        InferenceResponseJson.toJson(
            InferenceResponse.scored(new double[] {-1.5, -0.5}, 7, STATE, CLASS));
    assertThat(json)
        .contains("\"logprobs\":[-1.5,-0.5]", "\"sum\":-2.0", "\"flops\":\"7\"", "\"state_hash\"");
    assertThatThrownBy(() -> InferenceResponseJson.fromJson(json.replace("-2.0", "-2.5")))
        .hasMessageContaining("is not the log-probabilities' sum");
    assertThatThrownBy(() -> InferenceResponseJson.fromJson(json.replace("[-1.5", "[-1.25")))
        .hasMessageContaining("sum");
    String generated =
        InferenceResponseJson.toJson(
            InferenceResponse.generated(new byte[] {65, 66}, 7, STATE, CLASS));
    assertThatThrownBy(() -> InferenceResponseJson.fromJson(generated.replace("QUI=", "QUM=")))
        .hasMessage("output_sha256 is not the SHA-256 of the output");
  }

  @Test
  void readingIsStrict() {
    String generated =
        InferenceResponseJson.toJson(InferenceResponse.generated(new byte[] {65}, 7, STATE, CLASS));
    assertThatThrownBy(
            () -> InferenceResponseJson.fromJson(generated.replace("{", "{\"seconds\":1.5,")))
        .hasMessage("unknown inference response field: seconds");
    assertThatThrownBy(() -> InferenceResponseJson.fromJson(generated.replace("{", "{\"sum\":0,")))
        .hasMessage("unknown inference response field: sum");
    assertThatThrownBy(
            () -> InferenceResponseJson.fromJson(generated.replace("\"flops\":\"7\",", "")))
        .hasMessage("missing inference response field: flops");
    // FLOP counts are strings of digits, as everywhere: a JSON number or another spelling is
    // refused.
    for (String other : new String[] {"7", "\"07\"", "\"7e0\"", "\"-7\""}) {
      assertThatThrownBy(
              () ->
                  InferenceResponseJson.fromJson(
                      generated.replace("\"flops\":\"7\"", "\"flops\":" + other)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("flops");
    }
  }
}
