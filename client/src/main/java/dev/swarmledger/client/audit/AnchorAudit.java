package dev.swarmledger.client.audit;

import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import dev.swarmledger.protocol.merkle.TreeNodes;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Checks a log's anchors. Every {@code anchor.record} must name the log's own Merkle root at its
 * size (recomputed from the leaves: the state machine cannot check this, the auditor can). With a
 * chain, each record's transaction must have succeeded in the recorded block and emitted the
 * recorded (origin, size, root); and every anchor the contract ever stored for this origin — its
 * event history and its latest anchor — must agree with this log: the root at that size, or a
 * consistency proof from the audited checkpoint to it. An anchor of a forked log under the same
 * origin and operator fails one of these.
 */
public final class AnchorAudit {
  private final Optional<AnchorChain> chain;
  private final Optional<String> contract;

  /**
   * @param chain the chain to check against; empty checks the records against the log only
   * @param contract the operator's contract, if the auditor knows it: checked even when the log
   *     records no anchor on it, and every record must be on it
   */
  public AnchorAudit(Optional<AnchorChain> chain, Optional<String> contract) {
    this.chain = chain;
    this.contract = contract;
  }

  public void check(
      Collection<Anchor> anchors,
      Checkpoint cp,
      TreeNodes tree,
      LedgerClient client,
      Consumer<String> progress)
      throws VerificationFailure {
    for (Anchor a : anchors) {
      AnchorRecord r = a.record();
      Hash ours = MerkleProofs.root(tree, r.size());
      if (!ours.equals(r.root())) {
        throw new VerificationFailure(
            "anchor at leaf "
                + a.id()
                + " records root "
                + r.root().hex()
                + " for size "
                + r.size()
                + ", but this log's root at that size is "
                + ours.hex());
      }
      if (contract.isPresent() && !contract.get().equals(r.contract())) {
        throw new VerificationFailure(
            "anchor at leaf "
                + a.id()
                + " is on contract "
                + r.contract()
                + ", not on the operator's contract "
                + contract.get());
      }
    }
    progress.accept(anchors.size() + " anchor records name this log's own roots");
    if (chain.isEmpty()) {
      if (!anchors.isEmpty()) {
        progress.accept("anchors not checked against a chain (give --rpc to check them)");
      }
      return;
    }
    try {
      checkChain(chain.get(), anchors, cp, tree, client, progress);
    } catch (IOException e) {
      throw new VerificationFailure("cannot read the chain: " + e.getMessage());
    }
  }

  private void checkChain(
      AnchorChain c,
      Collection<Anchor> anchors,
      Checkpoint cp,
      TreeNodes tree,
      LedgerClient client,
      Consumer<String> progress)
      throws IOException, VerificationFailure {
    long chainId = c.chainId();
    TreeSet<String> contracts = new TreeSet<>();
    contract.ifPresent(contracts::add);
    for (Anchor a : anchors) {
      AnchorRecord r = a.record();
      String at = "anchor at leaf " + a.id() + " (tx " + r.txHash() + ")";
      if (r.chainId() != chainId) {
        throw new VerificationFailure(
            at + " is on chain " + r.chainId() + ", but the RPC endpoint serves chain " + chainId);
      }
      contracts.add(r.contract());
      AnchorChain.Transaction tx =
          c.transaction(r.txHash())
              .orElseThrow(
                  () -> new VerificationFailure(at + ": the chain has no such transaction"));
      if (!tx.succeeded()) {
        throw new VerificationFailure(at + ": the transaction reverted on chain");
      }
      if (tx.blockNumber() != r.blockNumber()) {
        throw new VerificationFailure(
            at + ": mined in block " + tx.blockNumber() + ", recorded as " + r.blockNumber());
      }
      boolean matches =
          tx.events().stream()
              .anyMatch(
                  e ->
                      e.contract().equals(r.contract())
                          && e.origin().equals(cp.origin())
                          && e.size() == r.size()
                          && e.root().equals(r.root()));
      if (!matches) {
        throw new VerificationFailure(
            at
                + ": the transaction emitted no anchor of "
                + cp.origin()
                + " at size "
                + r.size()
                + " with root "
                + r.root().hex()
                + " from "
                + r.contract()
                + " (it emitted "
                + tx.events()
                + ")");
      }
    }
    progress.accept(anchors.size() + " anchor transactions and events match their records");
    for (String address : contracts) {
      long events = 0;
      for (AnchorChain.Event e : c.history(address, cp.origin())) {
        agrees(
            "anchor in block " + e.blockNumber() + " (tx " + e.txHash() + ") on " + address,
            e.size(),
            e.root(),
            cp,
            tree,
            client);
        events++;
      }
      AnchorChain.Latest latest = c.latest(address, cp.origin());
      if (latest.exists()) {
        agrees(
            "the latest anchor stored by " + address,
            latest.size(),
            latest.root(),
            cp,
            tree,
            client);
      }
      progress.accept(
          "contract "
              + address
              + ": "
              + events
              + " anchors of "
              + cp.origin()
              + (latest.exists() ? ", latest at size " + latest.size() : "")
              + ", all agree with this log");
    }
  }

  /** Fails unless (size, root) is a state of this log: its root there, or consistent with it. */
  private static void agrees(
      String what, long size, Hash root, Checkpoint cp, TreeNodes tree, LedgerClient client)
      throws VerificationFailure {
    if (size <= cp.size()) {
      Hash ours = MerkleProofs.root(tree, size);
      if (!ours.equals(root)) {
        throw new VerificationFailure(
            what
                + " commits to root "
                + root.hex()
                + " at size "
                + size
                + ", but this log's root at that size is "
                + ours.hex()
                + ": the operator anchored a different log (a fork)");
      }
      return;
    }
    ConsistencyProof proof;
    try {
      proof = client.consistency(cp.size(), size);
    } catch (ApiException e) {
      throw new VerificationFailure(
          what
              + " is at size "
              + size
              + ", beyond this log's checkpoint at "
              + cp.size()
              + ", and the node gives no consistency proof to it: "
              + e.getMessage());
    }
    if (proof.from() != cp.size()
        || proof.to() != size
        || (cp.size() > 0 && !proof.verify(cp.root(), root))) {
      throw new VerificationFailure(
          what
              + " at size "
              + size
              + " is not consistent with this log's checkpoint at size "
              + cp.size()
              + ": the operator anchored a different log (a fork)");
    }
  }
}
