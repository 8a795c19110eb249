package dev.swarmledger.protocol.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Leaf bytes: canonical {index, time, tx}; round trip, exact layout, strict time. */
class LeafCodecTest {
  private static final Tx TX = TxCodec.sign(TestKeys.key(1), 0, new AccountRegister("alice"));

  @Test
  void encodesExactlyTheCanonicalJsonOfIndexTimeAndTx() {
    Leaf leaf = new Leaf(42, Instant.parse("2026-03-04T05:06:07.089Z"), TX);
    String expected =
        "{\"index\":42,\"time\":\"2026-03-04T05:06:07.089Z\",\"tx\":"
            + new String(StrictJson.canonical(TX.json()), StandardCharsets.UTF_8)
            + "}";
    assertThat(new String(LeafCodec.encode(leaf), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void roundTrips() {
    Leaf leaf = new Leaf(7, Instant.parse("2026-01-01T00:00:00Z"), TX);
    byte[] bytes = LeafCodec.encode(leaf);
    Leaf back = LeafCodec.decode(bytes);
    assertThat(back.index()).isEqualTo(7);
    assertThat(back.time()).isEqualTo(leaf.time());
    assertThat(back.tx().id()).isEqualTo(TX.id());
    assertThat(back.tx().signatureValid()).isTrue();
    assertThat(LeafCodec.encode(back)).isEqualTo(bytes);
  }

  @Property(tries = 200)
  void roundTripsAnyIndexTimeNonceAndName(
      @ForAll @LongRange(min = 0, max = (1L << 53) - 1) long index,
      @ForAll @LongRange(min = 0, max = 253402300799999L) long epochMilli,
      @ForAll @LongRange(min = 0, max = (1L << 53) - 1) long nonce,
      @ForAll @StringLength(min = 1, max = 40) @net.jqwik.api.constraints.AlphaChars String name,
      @ForAll @IntRange(min = 0, max = 255) int keySeed) {
    Tx tx = TxCodec.sign(TestKeys.key(keySeed), nonce, new AccountRegister(name));
    Leaf leaf = new Leaf(index, Instant.ofEpochMilli(epochMilli), tx);
    byte[] bytes = LeafCodec.encode(leaf);
    Leaf back = LeafCodec.decode(bytes);
    assertThat(back.index()).isEqualTo(index);
    assertThat(back.time()).isEqualTo(leaf.time());
    assertThat(back.tx().nonce()).isEqualTo(nonce);
    assertThat(back.tx().body()).isEqualTo(tx.body());
    assertThat(LeafCodec.encode(back)).isEqualTo(bytes);
  }

  @Test
  void leafRefusesSubMillisecondTimesAndNegativeIndices() {
    assertThatThrownBy(() -> new Leaf(0, Instant.parse("2026-01-01T00:00:00.000001Z"), TX))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Leaf(-1, Instant.parse("2026-01-01T00:00:00Z"), TX))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsTimeWithExactlyThreeFractionDigitsInUtc() {
    assertThat(LeafCodec.formatTime(Instant.parse("2026-01-01T00:00:00Z")))
        .isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(LeafCodec.formatTime(Instant.parse("1999-12-31T23:59:59.5Z")))
        .isEqualTo("1999-12-31T23:59:59.500Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-01-02T03:04:05Z",
        "2026-01-02T03:04:05.06Z",
        "2026-01-02T03:04:05.0060Z",
        "2026-01-02T03:04:05.006",
        "2026-01-02T03:04:05.006+00:00",
        "2026-01-02T04:04:05.006+01:00",
        "2026-01-02 03:04:05.006Z",
        "2026-01-02t03:04:05.006z",
        "2026-1-02T03:04:05.006Z",
        "2026-02-30T03:04:05.006Z",
        "2026-01-02T24:00:00.000Z",
        "2026-01-02T03:04:60.000Z",
        " 2026-01-02T03:04:05.006Z",
        "1767323045006",
        ""
      })
  void refusesTimesNotInTheOneCanonicalForm(String time) {
    assertThatThrownBy(() -> LeafCodec.parseTime(time))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.WRONG_TYPE));
    ObjectNode leaf = leafJson();
    leaf.put("time", time);
    assertThatThrownBy(() -> LeafCodec.decode(StrictJson.canonical(leaf)))
        .isInstanceOf(Rejection.class);
  }

  @Test
  void parsesTheCanonicalForm() {
    assertThat(LeafCodec.parseTime("2026-01-02T03:04:05.006Z"))
        .isEqualTo(Instant.parse("2026-01-02T03:04:05.006Z"));
  }

  @Test
  void refusesMalformedLeaves() {
    ObjectNode extra = leafJson();
    extra.put("extra", 1);
    assertCode(extra, ErrorCode.UNKNOWN_FIELD);
    ObjectNode noTx = leafJson();
    noTx.remove("tx");
    assertCode(noTx, ErrorCode.MISSING_FIELD);
    ObjectNode negative = leafJson();
    negative.put("index", -1);
    assertCode(negative, ErrorCode.OUT_OF_RANGE);
    ObjectNode textIndex = leafJson();
    textIndex.put("index", "1");
    assertCode(textIndex, ErrorCode.WRONG_TYPE);
    ObjectNode badTx = leafJson();
    ((ObjectNode) badTx.get("tx")).put("v", 2);
    assertCode(badTx, ErrorCode.UNSUPPORTED_VERSION);
    byte[] nonCanonical =
        new String(LeafCodec.encode(new Leaf(1, Instant.EPOCH, TX)), StandardCharsets.UTF_8)
            .replace("\"index\":1,", "\"index\":1.0,")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LeafCodec.decode(nonCanonical))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER));
  }

  private static void assertCode(ObjectNode leaf, ErrorCode code) {
    assertThatThrownBy(() -> LeafCodec.decode(StrictJson.canonical(leaf)))
        .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(code));
  }

  private static ObjectNode leafJson() {
    return StrictJson.parseObject(
        LeafCodec.encode(new Leaf(1, Instant.parse("2026-01-02T03:04:05.006Z"), TX)));
  }
}
