package dev.swarmledger.contracts;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.TxType;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * One round of {@code swarm anchor}: takes the node's signed checkpoint, checks it is signed by the
 * operator's own key, posts it to the contract when it is newer than the contract's latest anchor
 * for that origin, and records the posting on the log as {@code anchor.record}, signed by the
 * operator.
 */
public final class AnchorPoster {
  /** A gap this small is read to see whether it holds only our own anchor records. */
  private static final long SMALL_GAP = 16;

  /** What a round did. */
  public record Round(Checkpoint checkpoint, Optional<AnchorRecord> posted, String message) {}

  private final LedgerClient node;
  private final AccountSession operator;
  private final LedgerAnchorContract contract;
  private final long chainId;

  public AnchorPoster(
      LedgerClient node, AccountSession operator, LedgerAnchorContract contract, long chainId) {
    this.node = node;
    this.operator = operator;
    this.contract = contract;
    this.chainId = chainId;
  }

  public Round once() throws IOException, TransactionException {
    NoteVerifierKey key = NoteVerifierKey.parse(node.verifierKey());
    if (!key.publicKey().equals(operator.account())) {
      throw new IllegalStateException(
          "the node signs checkpoints with "
              + key.publicKey().hex()
              + ", not with the operator key given ("
              + operator.account().hex()
              + ")");
    }
    Checkpoint cp = new CheckpointVerifier(key).verify(node.checkpoint());
    OnChainAnchor latest = contract.latest(cp.origin());
    if (latest.exists()) {
      if (latest.size() > cp.size()) {
        throw new IllegalStateException(
            "the contract holds size "
                + latest.size()
                + " for "
                + cp.origin()
                + " but the node's checkpoint is at "
                + cp.size()
                + ": another log was anchored under this origin, or the node lost leaves");
      }
      if (latest.size() == cp.size()) {
        if (!latest.root().equals(cp.root())) {
          throw new IllegalStateException(
              "the contract holds another root for size " + cp.size() + " of " + cp.origin());
        }
        return new Round(cp, Optional.empty(), "size " + cp.size() + " is anchored already");
      }
      if (onlyOwnAnchorRecords(latest.size(), cp.size())) {
        return new Round(
            cp,
            Optional.empty(),
            "nothing new since size " + latest.size() + " but anchor records");
      }
    }
    if (cp.size() == 0) {
      return new Round(cp, Optional.empty(), "the log is empty");
    }
    TransactionReceipt receipt = contract.anchor(cp.origin(), cp.size(), cp.root());
    AnchorRecord record =
        new AnchorRecord(
            chainId,
            contract.address(),
            receipt.getTransactionHash().toLowerCase(Locale.ROOT),
            receipt.getBlockNumber().longValueExact(),
            cp.size(),
            cp.root());
    long index = operator.submit(record).index();
    return new Round(
        cp,
        Optional.of(record),
        "anchored size "
            + cp.size()
            + " in block "
            + record.blockNumber()
            + " (tx "
            + record.txHash()
            + "), recorded at leaf "
            + index);
  }

  /**
   * Whether the leaves {@code from..to-1} are all {@code anchor.record}s: anchoring them would only
   * anchor the anchoring, round after round.
   */
  private boolean onlyOwnAnchorRecords(long from, long to) {
    if (to - from > SMALL_GAP) {
      return false;
    }
    List<byte[]> leaves = node.entries(from, to);
    return leaves.size() == to - from
        && leaves.stream().allMatch(b -> LeafCodec.decode(b).tx().type() == TxType.ANCHOR_RECORD);
  }
}
