package dev.swarmledger.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FLOP quantities: one spelling per value, a string of decimal digits, and nothing else. */
class DecimalQuantityTest {
  private static JsonNode field(String json) {
    return StrictJson.parseObject("{\"flops\":" + json + "}").get("flops");
  }

  private static ErrorCode refusal(String json) {
    try {
      DecimalQuantity.read(field(json), "x.flops", 0, Long.MAX_VALUE);
    } catch (Rejection r) {
      return r.code();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Property(tries = 1000)
  void everyValueRoundTripsThroughItsOneSpelling(@ForAll @LongRange(min = 0) long value) {
    ObjectNode o = StrictJson.nodes().objectNode();
    DecimalQuantity.put(o, "flops", value);
    String canonical = StrictJson.canonicalString(o);

    assertThat(canonical).isEqualTo("{\"flops\":\"" + value + "\"}");
    assertThat(DecimalQuantity.read(field("\"" + value + "\""), "f", 0, Long.MAX_VALUE))
        .isEqualTo(value);
  }

  @Property(tries = 500)
  void anyOtherSpellingOfTheSameValueIsRefused(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 10) long value,
      @ForAll @IntRange(min = 1, max = 3) int zeros) {
    String padded = "0".repeat(zeros) + value;
    assertThat(refusal("\"" + padded + "\"")).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
    assertThat(refusal("\"+" + value + "\"")).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
    assertThat(refusal("\"" + value + ".0\"")).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
  }

  @Test
  void quantitiesBeyondTwoToTheFiftyThreeAreExact() {
    long gpuBudget = 15_000_000_000_000_000L;
    assertThat(gpuBudget).isGreaterThan(StrictJson.MAX_SAFE_INTEGER);
    assertThat(DecimalQuantity.read(field("\"15000000000000000\""), "f", 1, Long.MAX_VALUE))
        .isEqualTo(gpuBudget);
    assertThat(DecimalQuantity.read(field("\"9223372036854775807\""), "f", 0, Long.MAX_VALUE))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(DecimalQuantity.read(field("\"0\""), "f", 0, 5)).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"012\"",
        "\"00\"",
        "\"-1\"",
        "\"-0\"",
        "\"+1\"",
        "\"1e3\"",
        "\"1E3\"",
        "\"1.0\"",
        "\"1.5e16\"",
        "\" 1\"",
        "\"1 \"",
        "\"\"",
        "\"0x10\"",
        "\"1_000\"",
        "\"١٢\"",
        "12",
        "0",
        "1000",
        "1.5"
      })
  void nonCanonicalSpellingsAndJsonNumbersAreRefusedAsNonCanonical(String json) {
    assertThat(refusal(json)).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
  }

  @Test
  void aJsonNumberBeyondTwoToTheFiftyThreeIsRefusedByTheParserItself() {
    assertThatThrownBy(() -> StrictJson.parseObject("{\"flops\":15000000000000000}"))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER))
        .hasMessageContaining("strings of decimal digits");
  }

  @Test
  void otherTypesAreWrongTypes() {
    assertThat(refusal("true")).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal("[\"1\"]")).isEqualTo(ErrorCode.WRONG_TYPE);
    assertThat(refusal("{\"v\":\"1\"}")).isEqualTo(ErrorCode.WRONG_TYPE);
  }

  @Test
  void rangesAreEnforcedOnTheValue() {
    assertThat(refusal("\"9223372036854775808\"")).isEqualTo(ErrorCode.OUT_OF_RANGE);
    assertThat(refusal("\"" + "9".repeat(40) + "\"")).isEqualTo(ErrorCode.OUT_OF_RANGE);
    assertThatThrownBy(() -> DecimalQuantity.read(field("\"0\""), "t.budget_flops", 1, 10))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE))
        .hasMessageContaining("t.budget_flops");
    assertThatThrownBy(() -> DecimalQuantity.format(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void totalsOutgrowSixtyFourBitsInTheSameForm() {
    BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(1000));
    ObjectNode o = StrictJson.nodes().objectNode();
    DecimalQuantity.put(o, "flops", beyond);
    JsonNode back = StrictJson.parseObject(StrictJson.canonical(o)).get("flops");

    assertThat(DecimalQuantity.readTotal(back, "s.flops")).isEqualTo(beyond);
    assertThatThrownBy(() -> DecimalQuantity.readTotal(field("\"0123\""), "s.flops"))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER));
    String tooLong = "1" + "0".repeat(DecimalQuantity.MAX_TOTAL_DIGITS);
    assertThatThrownBy(() -> DecimalQuantity.readTotal(field("\"" + tooLong + "\""), "s.flops"))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
  }

  @Test
  void textFromElsewhereIsHeldToTheSameRule() {
    assertThat(DecimalQuantity.parse("15000000000000000", "run.flops", 0, Long.MAX_VALUE))
        .isEqualTo(15_000_000_000_000_000L);
    assertThatThrownBy(() -> DecimalQuantity.parse("1e16", "run.flops", 0, Long.MAX_VALUE))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER));
  }
}
