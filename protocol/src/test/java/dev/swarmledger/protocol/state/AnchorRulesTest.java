package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import org.junit.jupiter.api.Test;

/** {@code anchor.record}: only the operator, only sizes the log has reached, never backwards. */
class AnchorRulesTest {
  private static final String CONTRACT = "0x" + "ab".repeat(20);
  private final SwarmLog log = new SwarmLog();

  private static String tx(int n) {
    return "0x" + String.format("%064x", n);
  }

  private static Hash root(int n) {
    return Hash.sha256(new byte[] {(byte) n});
  }

  private static AnchorRecord anchor(int tx, long block, long size, Hash root) {
    return new AnchorRecord(31337, CONTRACT, tx(tx), block, size, root);
  }

  @Test
  void theOperatorRecordsAnAnchorThatTheStateKeepsAndTheDigestCovers() {
    log.register(1, "alice");
    Hash before = StateDigest.root(log.state);
    long id = log.next();
    var events = log.apply(log.operator, anchor(1, 10, 2, root(2)));
    assertThat(events)
        .extracting(StateEvent::kind)
        .containsExactly(StateEvent.Kind.ANCHOR_RECORDED);
    assertThat(log.state.anchors()).containsExactly(new Anchor(id, anchor(1, 10, 2, root(2))));
    assertThat(log.state.latestAnchor(31337, CONTRACT)).map(Anchor::id).hasValue(id);
    assertThat(StateDigest.describe(log.state).get("anchors")).hasSize(1);
    assertThat(StateDigest.root(log.state)).isNotEqualTo(before);
  }

  @Test
  void attackAnAccountOtherThanTheOperatorCannotRecordAnAnchor() {
    SigningKey alice = log.register(1, "alice");
    assertThat(log.refuse(alice, anchor(1, 10, 1, root(1))).code())
        .isEqualTo(ErrorCode.NOT_OPERATOR);
  }

  @Test
  void attackAnAnchorBeyondTheLogsSizeIsRefused() {
    // The record is leaf 1 of a log of 1 leaf: size 1 is reached, size 2 is not (not even by
    // the record itself).
    assertThat(log.refuse(log.operator, anchor(1, 10, 2, root(2))).code())
        .isEqualTo(ErrorCode.ANCHOR_BEYOND_LOG);
    log.apply(log.operator, anchor(1, 10, 1, root(1)));
  }

  @Test
  void attackAShrinkingLogOrASecondRootForTheLatestSizeIsRefused() {
    log.register(1, "alice");
    log.register(2, "bob");
    log.apply(log.operator, anchor(1, 10, 3, root(3)));
    assertThat(log.refuse(log.operator, anchor(2, 11, 2, root(2))).code())
        .isEqualTo(ErrorCode.ANCHOR_OUT_OF_ORDER);
    assertThat(log.refuse(log.operator, anchor(2, 11, 3, root(4))).code())
        .isEqualTo(ErrorCode.ANCHOR_OUT_OF_ORDER);
    assertThat(log.refuse(log.operator, anchor(2, 9, 4, root(4))).code())
        .as("a later anchor in an earlier block")
        .isEqualTo(ErrorCode.ANCHOR_OUT_OF_ORDER);
    // Another contract has its own order.
    log.apply(log.operator, new AnchorRecord(31337, "0x" + "cd".repeat(20), tx(3), 5, 2, root(2)));
    log.apply(log.operator, anchor(4, 12, 4, root(4)));
    assertThat(log.state.anchors()).hasSize(3);
  }

  @Test
  void attackTheSameChainTransactionCannotBeRecordedTwice() {
    log.register(1, "alice");
    log.apply(log.operator, anchor(1, 10, 1, root(1)));
    assertThat(log.refuse(log.operator, anchor(1, 10, 2, root(2))).code())
        .isEqualTo(ErrorCode.DUPLICATE_ANCHOR);
  }

  @Test
  void malformedEthereumValuesAreRefusedByTheBodyItself() {
    assertThatThrownBy(() -> new AnchorRecord(31337, "0xAB", tx(1), 1, 1, root(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnchorRecord(31337, CONTRACT.toUpperCase(), tx(1), 1, 1, root(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnchorRecord(31337, CONTRACT, "0x12", 1, 1, root(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnchorRecord(0, CONTRACT, tx(1), 1, 1, root(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnchorRecord(31337, CONTRACT, tx(1), 1, 0, root(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
