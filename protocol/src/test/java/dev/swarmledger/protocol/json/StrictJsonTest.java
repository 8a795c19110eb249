package dev.swarmledger.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict parsing (one meaning per document) and RFC 8785 canonical output. */
class StrictJsonTest {

  private static ErrorCode refusal(String json) {
    try {
      StrictJson.parseObject(json);
    } catch (Rejection r) {
      return r.code();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void refusesDuplicateKeysAtAnyDepth() {
    assertThat(refusal("{\"a\":1,\"a\":1}")).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal("{\"o\":{\"b\":true,\"b\":false}}")).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal("{\"l\":[{\"x\":\"1\",\"x\":\"2\"}]}")).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1}x",
        "{\"a\":1}{}",
        "{\"a\":1}[]",
        "{\"a\":1} 2",
        "{\"a\":1}\"s\"",
        "{\"a\":1} // comment",
        "{\"a\":1},"
      })
  void refusesTrailingContent(String json) {
    assertThat(refusal(json)).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "[]",
        "[{\"a\":1}]",
        "null",
        "1",
        "\"x\"",
        "{'a':1}",
        "{a:1}",
        "{\"a\":[1,]}",
        "{\"a\":1,}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":\"\u0001\"}",
        "{\"a\":\"unterminated}",
        "{\"a\":tru}"
      })
  void refusesWhatIsNotOneStrictJsonObject(String json) {
    assertThat(refusal(json)).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
    assertThatThrownBy(() -> StrictJson.parseObject(bytes))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_JSON));
  }

  @Test
  void refusesNestingDeeperThan32ButAcceptsExactly32() {
    // The outer object is level 1; 31 arrays inside make 32.
    String ok = "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}";
    assertThat(StrictJson.parseObject(ok).get("a").isArray()).isTrue();
    String tooDeep = "{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}";
    assertThat(refusal(tooDeep)).isEqualTo(ErrorCode.MALFORMED_JSON);
    String veryDeep = "{\"a\":" + "{\"b\":".repeat(5000) + "1" + "}".repeat(5000) + "}";
    assertThat(refusal(veryDeep)).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0",
        "1.50",
        "1e3",
        "1E3",
        "1e0",
        "1e+3",
        "10e-1",
        "-0",
        "-0.0",
        "0.0",
        "1.",
        "0.10",
        "9007199254740992",
        "9007199254740993",
        "-9007199254740993",
        "100000000000000000000",
        "1e21",
        "333333333.33333329",
        "0.0000001"
      })
  void refusesNumbersNotInCanonicalForm(String number) {
    ErrorCode code = refusal("{\"n\":" + number + "}");
    // Jackson itself refuses some spellings ("1.") as malformed; either way nothing gets through.
    assertThat(code).isIn(ErrorCode.NON_CANONICAL_NUMBER, ErrorCode.MALFORMED_JSON);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, non_canonical_number",
    "1e3, non_canonical_number",
    "-0, non_canonical_number",
    "9007199254740993, non_canonical_number",
    "01, malformed_json",
    "+1, malformed_json",
    ".5, malformed_json",
    "0x10, malformed_json"
  })
  void numberRefusalsCarryTheirCode(String number, String code) {
    assertThat(refusal("{\"n\":" + number + "}").code()).isEqualTo(code);
  }

  @Test
  void numbersInsideArraysAndNestedObjectsAreCheckedToo() {
    assertThat(refusal("{\"a\":[1,2,3.0]}")).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
    assertThat(refusal("{\"a\":{\"b\":{\"c\":2e2}}}")).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "-1",
        "1",
        "9007199254740991",
        "-9007199254740991",
        "0.5",
        "-1.5",
        "0.1",
        "0.000001",
        "1e-7",
        "1e+21",
        "1.7976931348623157e+308",
        "5e-324",
        "333333333.3333333",
        "4.5",
        "0.002",
        "1e+30"
      })
  void acceptsCanonicalNumbersAndKeepsTheirText(String number) {
    ObjectNode o = StrictJson.parseObject("{\"n\":" + number + "}");
    assertThat(StrictJson.canonicalString(o)).isEqualTo("{\"n\":" + number + "}");
  }

  @Test
  void acceptsOrdinaryDocumentsWithWhitespaceAndAnyKeyOrder() {
    ObjectNode o =
        StrictJson.parseObject(
            " {\n \"z\" : [ true , false , null ] ,\t\"a\":{\"s\":\"x\\ny\"} , \"m\": -12 }\n");
    assertThat(o.get("m").longValue()).isEqualTo(-12);
    assertThat(StrictJson.canonicalString(o))
        .isEqualTo("{\"a\":{\"s\":\"x\\ny\"},\"m\":-12,\"z\":[true,false,null]}");
  }

  @Test
  void canonicalOrdersKeysByUtf16CodeUnitsAsInRfc8785Section323() {
    // The sorting example of RFC 8785 §3.2.3: U+1F600 (a surrogate pair, D83D DE00) sorts before
    // U+FB33, which code-point order would get wrong.
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("\u20ac", "Euro Sign");
    o.put("\r", "Carriage Return");
    o.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
    o.put("1", "One");
    o.put("\ud83d\ude00", "Emoji: Grinning Face");
    o.put("\u0080", "Control");
    o.put("\u00f6", "Latin Small Letter O With Diaeresis");
    String canonical = StrictJson.canonicalString(o);
    assertThat(canonical)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void canonicalOfTheRfc8785Section322Example() throws Exception {
    // Input with non-canonical numbers and escapes: parsed leniently here, since StrictJson
    // itself would (rightly) refuse it.
    String input =
        "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";
    JsonNode lenient = new ObjectMapper().readTree(input);
    byte[] canonical = StrictJson.canonical(lenient);
    String expected =
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(expected);
    // Canonical output is UTF-8, not escaped: the euro sign is its three bytes.
    assertThat(canonical).containsSequence((byte) 0xE2, (byte) 0x82, (byte) 0xAC);
  }

  @Test
  void canonicalStringEscapesExactlyAsRfc8785Requires() {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("s", "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\u00e9");
    // Only " and \ and controls below 0x20 are escaped; short forms where JSON has them, else
    // lowercase \\u00xx; DEL, U+2028 and non-ASCII go out as UTF-8.
    assertThat(StrictJson.canonicalString(o))
        .isEqualTo("{\"s\":\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028\u00e9\"}");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0.0, 0",
    "4.9E-324, 5e-324",
    "-4.9E-324, -5e-324",
    "1.7976931348623157E308, 1.7976931348623157e+308",
    "9007199254740992, 9007199254740992",
    "295147905179352830000, 295147905179352830000",
    "9.999999999999997E22, 9.999999999999997e+22",
    "1E23, 1e+23",
    "0.000001, 0.000001",
    "9.999999999999997E-7, 9.999999999999997e-7",
    "1E21, 1e+21",
    "999999999999999900000, 999999999999999900000"
  })
  void canonicalNumberMatchesRfc8785AppendixB(double value, String expected) {
    assertThat(StrictJson.canonicalNumber(value)).isEqualTo(expected);
  }

  @Test
  void canonicalNumberRefusesNonFiniteValues() {
    assertThatThrownBy(() -> StrictJson.canonicalNumber(Double.NaN)).isInstanceOf(Rejection.class);
    assertThatThrownBy(() -> StrictJson.canonicalNumber(Double.POSITIVE_INFINITY))
        .isInstanceOf(Rejection.class);
    assertThat(refusal("{\"n\":1e400}")).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
  }

  @Test
  void parseThenCanonicalIsStableForCanonicalInput() {
    String canonical = "{\"a\":[1,-2,0.5,\"\u00e9\\n\"],\"b\":{\"c\":null,\"d\":false}}";
    byte[] once = StrictJson.canonical(StrictJson.parseObject(canonical));
    assertThat(new String(once, StandardCharsets.UTF_8)).isEqualTo(canonical);
    assertThat(StrictJson.canonical(StrictJson.parseObject(once))).isEqualTo(once);
  }

  @Test
  void refusesLoneSurrogates() {
    assertThat(refusal("{\"a\":\"\\ud800\"}")).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(refusal("{\"a\":\"x\\udc00y\"}")).isEqualTo(ErrorCode.MALFORMED_JSON);
  }
}
