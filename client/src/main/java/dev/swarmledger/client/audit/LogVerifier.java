package dev.swarmledger.client.audit;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.TreeNodes;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks a node's log from the outside: the checkpoint's signature, every leaf (well-formed,
 * signed, at its index), the root recomputed from the leaves, the node's inclusion proof for every
 * leaf, and a consistency proof from every checkpoint seen before. Trusts nothing the node says
 * that it cannot check.
 */
public final class LogVerifier {
  /**
   * What was checked.
   *
   * @param tree the Merkle tree recomputed from the leaves, for roots at earlier sizes
   */
  public record Report(
      Checkpoint checkpoint,
      String note,
      long leaves,
      long inclusionProofs,
      long consistencyProofs,
      TreeNodes tree) {}

  /** Receives each decoded leaf in order, for callers that replay the state. */
  public interface LeafSink {
    void accept(Leaf leaf) throws VerificationFailure;
  }

  private final LedgerClient client;
  private final NoteVerifierKey key;

  public LogVerifier(LedgerClient client, NoteVerifierKey key) {
    this.client = client;
    this.key = key;
  }

  /**
   * Verifies the node's current log against {@code seenBefore} (checkpoints this auditor verified
   * earlier). {@code progress} receives short status lines.
   */
  public Report verify(List<Checkpoint> seenBefore, LeafSink sink, Consumer<String> progress)
      throws VerificationFailure {
    String note = client.checkpoint();
    Checkpoint cp;
    try {
      cp = new CheckpointVerifier(key).verify(note);
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure("checkpoint signature does not verify: " + e.getMessage());
    }
    progress.accept(
        "checkpoint: size " + cp.size() + ", root " + cp.root().hex() + " (signature ok)");

    MemoryTreeNodes tree = new MemoryTreeNodes();
    List<Hash> leafHashes = new ArrayList<>();
    long index = 0;
    while (index < cp.size()) {
      List<byte[]> page = client.entries(index, cp.size());
      if (page.isEmpty()) {
        throw new VerificationFailure(
            "node returned no entries at " + index + " below size " + cp.size());
      }
      for (byte[] bytes : page) {
        Leaf leaf;
        try {
          leaf = LeafCodec.decode(bytes);
        } catch (Rejection e) {
          throw new VerificationFailure("leaf " + index + " is malformed: " + e.getMessage());
        }
        if (leaf.index() != index) {
          throw new VerificationFailure("leaf " + index + " says it is at index " + leaf.index());
        }
        if (!leaf.tx().signatureValid()) {
          throw new VerificationFailure(
              "leaf " + index + ": transaction signature does not verify");
        }
        sink.accept(leaf);
        Hash h = MerkleHash.leaf(bytes);
        leafHashes.add(h);
        tree.append(h);
        index++;
      }
    }
    if (cp.size() > 0 && !tree.root().equals(cp.root())) {
      throw new VerificationFailure(
          "root of the leaves "
              + tree.root().hex()
              + " differs from the checkpoint root "
              + cp.root().hex());
    }
    progress.accept(cp.size() + " leaves: well-formed, signed, root matches");

    for (long i = 0; i < cp.size(); i++) {
      InclusionProof p = client.inclusion(i, cp.size());
      if (p.index() != i
          || p.size() != cp.size()
          || !p.verify(leafHashes.get((int) i), cp.root())) {
        throw new VerificationFailure("inclusion proof for leaf " + i + " does not verify");
      }
    }
    progress.accept(cp.size() + " inclusion proofs verify");

    long consistency = 0;
    for (Checkpoint old : seenBefore) {
      if (!old.origin().equals(cp.origin())) {
        continue;
      }
      if (old.size() > cp.size()) {
        throw new VerificationFailure(
            "log shrank: saw size "
                + old.size()
                + " before, now "
                + cp.size()
                + " (rollback or fork)");
      }
      if (old.size() == cp.size()) {
        if (!old.root().equals(cp.root())) {
          throw new VerificationFailure("fork: two different roots signed for size " + cp.size());
        }
        continue;
      }
      if (old.size() == 0) {
        continue;
      }
      ConsistencyProof p = client.consistency(old.size(), cp.size());
      if (!p.verify(old.root(), cp.root())) {
        throw new VerificationFailure(
            "consistency proof from size "
                + old.size()
                + " to "
                + cp.size()
                + " does not verify (fork)");
      }
      consistency++;
    }
    progress.accept(consistency + " consistency proofs from earlier checkpoints verify");
    return new Report(cp, note, cp.size(), cp.size(), consistency, tree);
  }
}
