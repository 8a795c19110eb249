package dev.swarmledger.client.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AnchorAudit} against a chain held in memory: each way a record, a transaction or the
 * contract can disagree with the log fails with a message naming it.
 */
class AnchorAuditTest {
  private static final String ORIGIN = "test/log";
  private static final String CONTRACT = "0x" + "ab".repeat(20);
  private static final String TX = "0x" + "01".repeat(32);
  // Never called: every size in these tests is within the audited checkpoint.
  private static final LedgerClient UNUSED = new LedgerClient("http://127.0.0.1:9");

  private final MemoryTreeNodes tree = new MemoryTreeNodes();
  private final FakeChain chain = new FakeChain();
  private Checkpoint cp;

  @BeforeEach
  void tenLeaves() {
    for (int i = 0; i < 10; i++) {
      tree.append(MerkleHash.leaf(new byte[] {(byte) i}));
    }
    cp = new Checkpoint(ORIGIN, 10, tree.root());
  }

  private Hash rootAt(long size) {
    return MerkleProofs.root(tree, size);
  }

  private Anchor record(long size, Hash root) {
    return new Anchor(8, new AnchorRecord(31337, CONTRACT, TX, 5, size, root));
  }

  /** The chain as an honest operator leaves it after anchoring size {@code size}. */
  private void anchoredOnChain(long size, Hash root) {
    AnchorChain.Event e = new AnchorChain.Event(CONTRACT, ORIGIN, size, root, TX, 5);
    chain.transactions.put(TX, new AnchorChain.Transaction(true, 5, List.of(e)));
    chain.history.add(e);
    chain.latest = new AnchorChain.Latest(size, root, 5);
  }

  private void check(Anchor... anchors) throws VerificationFailure {
    new AnchorAudit(Optional.of(chain), Optional.of(CONTRACT))
        .check(List.of(anchors), cp, tree, UNUSED, line -> {});
  }

  private void assertFails(String message, Anchor... anchors) {
    assertThatThrownBy(() -> check(anchors))
        .isInstanceOf(VerificationFailure.class)
        .hasMessageContaining(message);
  }

  @Test
  void anHonestAnchorPasses() throws VerificationFailure {
    anchoredOnChain(7, rootAt(7));
    check(record(7, rootAt(7)));
  }

  @Test
  void attackARecordWhoseRootIsNotTheLogsRootFailsEvenWithoutAChain() {
    assertThatThrownBy(
            () ->
                new AnchorAudit(Optional.empty(), Optional.empty())
                    .check(List.of(record(7, rootAt(6))), cp, tree, UNUSED, line -> {}))
        .hasMessageContaining("this log's root at that size is " + rootAt(7).hex());
  }

  @Test
  void attackARecordOfATransactionTheChainNeverSawFails() {
    assertFails("no such transaction", record(7, rootAt(7)));
  }

  @Test
  void attackARecordOfARevertedTransactionFails() {
    anchoredOnChain(7, rootAt(7));
    chain.transactions.put(TX, new AnchorChain.Transaction(false, 5, List.of()));
    assertFails("reverted", record(7, rootAt(7)));
  }

  @Test
  void attackARecordInAnotherBlockOrOfAnotherAnchorFails() {
    anchoredOnChain(6, rootAt(6));
    assertFails("emitted no anchor", record(7, rootAt(7)));
    chain.transactions.put(TX, new AnchorChain.Transaction(true, 6, List.of()));
    assertFails("mined in block 6", record(7, rootAt(7)));
  }

  @Test
  void attackARecordOnAnotherChainOrContractFails() {
    anchoredOnChain(7, rootAt(7));
    chain.chainId = 1;
    assertFails("serves chain 1", record(7, rootAt(7)));
    chain.chainId = 31337;
    Anchor elsewhere =
        new Anchor(8, new AnchorRecord(31337, "0x" + "cd".repeat(20), TX, 5, 7, rootAt(7)));
    assertFails("not on the operator's contract", elsewhere);
  }

  @Test
  void attackAForkAnchoredOnTheContractFailsThroughItsHistoryOrItsLatestAnchor() {
    anchoredOnChain(7, rootAt(7));
    chain.history.add(
        new AnchorChain.Event(CONTRACT, ORIGIN, 9, Hash.sha256(new byte[] {9}), TX, 6));
    assertFails("a fork", record(7, rootAt(7)));
    chain.history.remove(1);
    chain.latest = new AnchorChain.Latest(9, Hash.sha256(new byte[] {9}), 6);
    assertFails("the latest anchor stored by " + CONTRACT, record(7, rootAt(7)));
  }

  private static final class FakeChain implements AnchorChain {
    long chainId = 31337;
    final Map<String, Transaction> transactions = new HashMap<>();
    final List<Event> history = new ArrayList<>();
    Latest latest = new Latest(0, Hash.sha256(new byte[0]), 0);

    @Override
    public long chainId() {
      return chainId;
    }

    @Override
    public Optional<Transaction> transaction(String txHash) {
      return Optional.ofNullable(transactions.get(txHash));
    }

    @Override
    public Latest latest(String contract, String origin) {
      return contract.equals(CONTRACT) && origin.equals(ORIGIN)
          ? latest
          : new Latest(0, Hash.sha256(new byte[0]), 0);
    }

    @Override
    public List<Event> history(String contract, String origin) {
      return history.stream()
          .filter(e -> e.contract().equals(contract) && e.origin().equals(origin))
          .toList();
    }
  }
}
