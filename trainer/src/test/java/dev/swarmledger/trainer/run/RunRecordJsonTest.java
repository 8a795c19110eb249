package dev.swarmledger.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RunRecordJsonTest {
  private static final String H1 = "a".repeat(64);
  private static final String H2 = "0123456789abcdef".repeat(4);

  static RunRecord record(double valBpb, OptionalDouble budget) {
    return new RunRecord(
        "shakespeare-char",
        -42L,
        H1,
        120,
        budget,
        491_520,
        6L * 851_968 * 491_520,
        851_968,
        valBpb,
        110_592,
        110_592,
        List.of(new LossSample(0, 5.545177), new LossSample(119, 1.9)),
        50,
        List.of(H2, H1),
        H2,
        59.9,
        71.2,
        "cpu",
        "2.10.0",
        "float32",
        2,
        "bubblewrap",
        "cpu-avx512-torch2.10.0-openblas0.3.31-t2",
        "Intel(R) Xeon(R) Platinum 8488C",
        true,
        "cpu",
        ":4096:8");
  }

  @Property
  void roundTripsBitForBit(@ForAll double valBpb, @ForAll boolean withBudget) {
    if (!Double.isFinite(valBpb) || valBpb < 0) {
      return;
    }
    RunRecord original =
        record(valBpb, withBudget ? OptionalDouble.of(60) : OptionalDouble.empty());
    RunRecord back = RunRecordJson.fromJson(RunRecordJson.toJson(original));
    assertThat(back).isEqualTo(original);
    assertThat(Double.doubleToRawLongBits(back.valBpb()))
        .isEqualTo(Double.doubleToRawLongBits(valBpb));
  }

  @Test
  void usesTheDocumentedFieldNames() {
    String json = RunRecordJson.toJson(record(2.5, OptionalDouble.of(60)));
    assertThat(json)
        .contains(
            "\"format\" : \"swarmledger/run/v2\"",
            "\"deterministic\" : true",
            "\"cublas_workspace_config\" : \":4096:8\"",
            "\"val_bpb\" : 2.5",
            "\"final_param_hash\"",
            "\"segment_hashes\"",
            "\"source_sha256\"",
            "\"budget_seconds\" : 60.0",
            "\"num_params\"",
            "\"libtorch_version\"",
            "\"train_loss\"");
  }

  /** How {@link #record} writes its FLOP count: a string of digits. */
  private static final String FLOPS = "\"flops\" : \"" + 6L * 851_968 * 491_520 + "\"";

  @Property
  void flopCountsBeyondTwoToTheFiftyThreeAreWrittenAsDigits(
      @ForAll @LongRange(min = 0) long flops) {
    String json = RunRecordJson.toJson(record(2.5, OptionalDouble.empty()));
    assertThat(json).contains(FLOPS);
    String other = json.replace(FLOPS, "\"flops\" : \"" + flops + "\"");

    RunRecord back = RunRecordJson.fromJson(other);

    assertThat(back.flops()).isEqualTo(flops);
    assertThat(RunRecordJson.toJson(back)).isEqualTo(other);
  }

  @Test
  void aFlopCountInAnyOtherSpellingIsRefused() {
    String json = RunRecordJson.toJson(record(2.5, OptionalDouble.empty()));
    for (String other :
        new String[] {
          "\"flops\" : 2512555868160",
          "\"flops\" : \"02512555868160\"",
          "\"flops\" : \"2.5e12\"",
          "\"flops\" : \"-1\""
        }) {
      assertThatThrownBy(() -> RunRecordJson.fromJson(json.replace(FLOPS, other)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("flops");
    }
  }

  @Test
  void refusesUnknownMissingAndMistypedFields() {
    String json = RunRecordJson.toJson(record(2.5, OptionalDouble.empty()));
    assertThatThrownBy(() -> RunRecordJson.fromJson(json.replace("\"dtype\"", "\"dtyp\"")))
        .hasMessageContaining("unknown run record field: dtyp");
    assertThatThrownBy(() -> RunRecordJson.fromJson(json.replace("\"seed\" : -42,", "")))
        .hasMessageContaining("missing run record field: seed");
    assertThatThrownBy(
            () -> RunRecordJson.fromJson(json.replace("\"steps\" : 120", "\"steps\" : \"120\"")))
        .hasMessageContaining("steps must be an integer");
    assertThatThrownBy(() -> RunRecordJson.fromJson(json.replace(H2, "XYZ")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
