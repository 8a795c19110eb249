package dev.swarmledger.protocol.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.json.StrictJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Display names: 1 to 40 visible characters (code points), no hidden or surrounding space. */
class NamesTest {

  private static void assertRefused(String name) {
    assertThatThrownBy(() -> Names.requireValid(name))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.INVALID_NAME));
    // And through the codec, so the wire format applies the same rule.
    // The name goes on the wire as JSON escapes, as a client would send it, so that even a lone
    // surrogate reaches the decoder intact.
    String env =
        StrictJson.canonicalString(
                TxCodec.sign(TestKeys.key(1), 0, new AccountRegister("ok")).json())
            .replace("\"name\":\"ok\"", "\"name\":\"" + escaped(name) + "\"");
    // A lone surrogate is not I-JSON, so the strict parser refuses it before the name rule runs.
    ErrorCode expected =
        name.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF)
            ? ErrorCode.MALFORMED_JSON
            : ErrorCode.INVALID_NAME;
    assertThatThrownBy(() -> TxCodec.decode(env.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(expected));
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }

  private static void assertAccepted(String name) {
    assertThat(Names.requireValid(name)).isEqualTo(name);
    Tx tx = TxCodec.sign(TestKeys.key(1), 0, new AccountRegister(name));
    assertThat(((AccountRegister) TxCodec.decode(StrictJson.canonical(tx.json())).body()).name())
        .isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "Zo\u00eb",
        "\u6570\u5b66",
        "Zoe\u0308", // combining diaeresis: a mark, visible with its base
        "alice bob",
        "R\u00e9sum\u00e9-42_x.y",
        "\u0645\u0631\u062d\u0628\u0627",
        "\ud83d\ude00 smile",
        "a  b"
      })
  void acceptsPrintableNames(String name) {
    assertAccepted(name);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 39, 40})
  void acceptsUpTo40CodePoints(int n) {
    assertAccepted("x".repeat(n));
    assertAccepted("\u6570".repeat(n));
    assertAccepted("\ud83d\ude00".repeat(n)); // 2 UTF-16 units each, still n characters
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 41, 100})
  void refusesEmptyAndLongerThan40(int n) {
    assertRefused("x".repeat(n));
    if (n > 0) {
      assertRefused("\u6570".repeat(n));
      assertRefused("\ud83d\ude00".repeat(n));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\u0000b",
        "a\tb",
        "a\nb",
        "a\rb",
        "\u001b[31mred",
        "a\u007fb",
        "a\u0085b",
        "a\u200bb", // zero-width space (format)
        "a\u200db", // zero-width joiner
        "a\u200eb", // left-to-right mark
        "a\u202eb", // right-to-left override
        "\ufeffa", // byte order mark
        "a\u2028b", // line separator
        "a\u2029b", // paragraph separator
        "a\u00a0b", // no-break space
        "a\u3000b", // ideographic space
        "a\ue000b", // private use
        "a\ud800b", // lone surrogate
        "a\u0378b" // unassigned
      })
  void refusesControlFormatAndInvisibleCharacters(String name) {
    assertRefused(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {" alice", "alice ", " ", "   ", " a "})
  void refusesLeadingAndTrailingSpaces(String name) {
    assertRefused(name);
  }
}
