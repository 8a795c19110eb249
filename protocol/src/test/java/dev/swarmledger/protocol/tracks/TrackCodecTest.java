package dev.swarmledger.protocol.tracks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tracks on the wire: a GPU budget beyond 2^53, the archive's hash, an exact byte split. */
class TrackCodecTest {
  private static final SigningKey OPERATOR = SigningKey.fromSeed(new byte[32]);

  private static byte[] wire(TrackSpec track) {
    return StrictJson.canonical(TxCodec.sign(OPERATOR, 0, new TrackCreate(track)).json());
  }

  private static Rejection refusal(TrackSpec track, Consumer<ObjectNode> tamper) {
    ObjectNode env = TxCodec.sign(OPERATOR, 0, new TrackCreate(track)).json();
    tamper.accept((ObjectNode) env.get("body").get("track"));
    byte[] bytes = StrictJson.canonical(env);
    try {
      TxCodec.decode(bytes);
    } catch (Rejection r) {
      return r;
    }
    throw new AssertionError("accepted: " + new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void theEnwik8TrackRoundTripsAsItIsAndWithABudgetBeyondTwoToTheFiftyThree() {
    assertThat(TxCodec.decode(wire(DefaultTracks.ENWIK8)).body())
        .isEqualTo(new TrackCreate(DefaultTracks.ENWIK8));
    assertThat(new String(wire(DefaultTracks.ENWIK8), StandardCharsets.UTF_8))
        .contains("\"budget_flops\":\"8000000000000000\"");

    TrackSpec enwik8 = DefaultTracks.ENWIK8.withBudgetFlops(15_000_000_000_000_000L);
    assertThat(enwik8.budgetFlops()).isGreaterThan(StrictJson.MAX_SAFE_INTEGER);

    byte[] wire = wire(enwik8);
    Tx decoded = TxCodec.decode(wire);

    assertThat(decoded.body()).isEqualTo(new TrackCreate(enwik8));
    assertThat(decoded.signatureValid()).isTrue();
    assertThat(StrictJson.canonical(decoded.json())).isEqualTo(wire);
    assertThat(new String(wire, StandardCharsets.UTF_8))
        .contains("\"budget_flops\":\"15000000000000000\"")
        .contains("\"zip_entry\":\"enwik8\"")
        .contains(
            "\"zip_sha256\":\"547994d9980ebed1288380d652999f38a14fe291a6247c157c3d33d4932534bc\"")
        .contains("\"split\":{\"train_bytes\":90000000,\"validation_bytes\":5000000}");
  }

  @Test
  void theDefaultGenesisRoundTrips() {
    Genesis g = new Genesis(OPERATOR.publicKey(), "o", Policy.defaults(), DefaultTracks.all());
    byte[] wire = StrictJson.canonical(TxCodec.sign(OPERATOR, 0, g).json());
    assertThat(TxCodec.decode(wire).body()).isEqualTo(g);
    assertThat(g.tracks()).extracting(TrackSpec::id).containsExactly("shakespeare-char", "enwik8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"012", "-1", "1e3", "1.5e16", "+15", " 15", "0x0f", ""})
  void aNonCanonicalBudgetIsRefused(String spelling) {
    Rejection r = refusal(DefaultTracks.ENWIK8, t -> t.set("budget_flops", new TextNode(spelling)));
    assertThat(r.code()).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
    assertThat(r.getMessage()).contains("budget_flops");
  }

  @Test
  void aBudgetAsAJsonNumberIsRefusedEvenWhenItFitsTwoToTheFiftyThree() {
    Rejection r =
        refusal(DefaultTracks.SHAKESPEARE_CHAR, t -> t.set("budget_flops", new IntNode(5000)));
    assertThat(r.code()).isEqualTo(ErrorCode.NON_CANONICAL_NUMBER);
    assertThat(r.getMessage()).contains("string of decimal digits");
  }

  @Test
  void aZeroOrOversizedBudgetIsOutOfRange() {
    assertThat(refusal(DefaultTracks.ENWIK8, t -> t.put("budget_flops", "0")).code())
        .isEqualTo(ErrorCode.OUT_OF_RANGE);
    assertThat(
            refusal(DefaultTracks.ENWIK8, t -> t.put("budget_flops", "9223372036854775808")).code())
        .isEqualTo(ErrorCode.OUT_OF_RANGE);
  }

  @Test
  void aZipEntryAndTheArchiveHashComeTogether() {
    Rejection noHash =
        refusal(DefaultTracks.ENWIK8, t -> ((ObjectNode) t.get("data")).remove("zip_sha256"));
    assertThat(noHash.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(noHash.getMessage()).contains("zip_sha256");

    Rejection noEntry =
        refusal(DefaultTracks.ENWIK8, t -> ((ObjectNode) t.get("data")).remove("zip_entry"));
    assertThat(noEntry.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);

    Rejection badHash =
        refusal(DefaultTracks.ENWIK8, t -> ((ObjectNode) t.get("data")).put("zip_sha256", "ABCD"));
    assertThat(badHash.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);

    assertThatThrownBy(
            () ->
                new DataSetRef(
                    "u",
                    DefaultTracks.ENWIK8_DATA.sha256(),
                    1,
                    DefaultTracks.ENWIK8_DATA.zipEntry(),
                    java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSplitIsExactAndFitsTheData() {
    Rejection tooLong =
        refusal(
            DefaultTracks.ENWIK8,
            t -> ((ObjectNode) t.get("split")).put("validation_bytes", 10_000_001));
    assertThat(tooLong.code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
    assertThat(
            refusal(DefaultTracks.ENWIK8, t -> ((ObjectNode) t.get("split")).put("train_bytes", 0))
                .code())
        .isEqualTo(ErrorCode.OUT_OF_RANGE);
    assertThat(
            refusal(DefaultTracks.ENWIK8, t -> ((ObjectNode) t.get("split")).put("test_bytes", 5))
                .code())
        .isEqualTo(ErrorCode.UNKNOWN_FIELD);
    // The whole data may be read: validation up to the last byte.
    TrackSpec all =
        new TrackSpec(
            "all",
            "gpt-bytes",
            DefaultTracks.ENWIK8_DATA,
            1,
            0,
            0.01,
            1,
            2,
            java.util.Optional.of(new ByteSplit(90_000_000, 10_000_000)));
    assertThat(TxCodec.decode(wire(all)).body()).isEqualTo(new TrackCreate(all));
  }
}
