package dev.swarmledger.protocol.anchors;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tx.TxType;
import java.util.Optional;

/**
 * {@code anchor.record}: the operator records a checkpoint it posted on chain. The rules see only
 * the log, so they check what the log knows: the sender, that the size is one the log has reached,
 * that anchors on one contract never go back (as the contract itself refuses), and that no chain
 * transaction is recorded twice. That the root is the log's own root at that size needs the Merkle
 * tree, which the state does not hold; {@code swarm audit} checks it from the leaves, along with
 * the chain itself (docs/protocol.md, "Anchors").
 */
public final class AnchorRules {
  private AnchorRules() {}

  public static void record(Transition t, AnchorRecord body) {
    LedgerState state = t.state();
    state.requireOperator(t.sender(), TxType.ANCHOR_RECORD);
    if (body.size() > state.size()) {
      throw new Rejection(
          ErrorCode.ANCHOR_BEYOND_LOG,
          "anchored size " + body.size() + " is beyond the log's size " + state.size());
    }
    if (state.anchorByTransaction(body.chainId(), body.txHash()).isPresent()) {
      throw new Rejection(
          ErrorCode.DUPLICATE_ANCHOR,
          "transaction " + body.txHash() + " on chain " + body.chainId() + " is recorded already");
    }
    Optional<Anchor> latest = state.latestAnchor(body.chainId(), body.contract());
    if (latest.isPresent()) {
      AnchorRecord l = latest.get().record();
      if (body.size() < l.size()) {
        throw new Rejection(
            ErrorCode.ANCHOR_OUT_OF_ORDER,
            "size " + body.size() + " is below the latest anchored size " + l.size());
      }
      if (body.size() == l.size() && !body.root().equals(l.root())) {
        throw new Rejection(
            ErrorCode.ANCHOR_OUT_OF_ORDER,
            "size " + body.size() + " was anchored with another root " + l.root().hex());
      }
      if (body.blockNumber() < l.blockNumber()) {
        throw new Rejection(
            ErrorCode.ANCHOR_OUT_OF_ORDER,
            "block " + body.blockNumber() + " is before the latest anchor's " + l.blockNumber());
      }
    }
    Anchor anchor = new Anchor(t.index(), body);
    t.putAnchor(anchor);
    t.emit(StateEvent.anchorRecorded(t.index(), body.chainId(), body.size(), body.txHash()));
  }
}
