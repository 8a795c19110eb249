package dev.swarmledger.node.log;

import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.NodeWrite;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.CompactRange;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import dev.swarmledger.protocol.merkle.TreeNode;
import dev.swarmledger.protocol.merkle.TreeNodes;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.StateMachine;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.Tx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The log and the state it implies, kept in step: appends a batch of transactions (validating each
 * against the state as it goes), stores the accepted leaves, their Merkle nodes and a fresh signed
 * checkpoint in one durable write, and serves proofs. Readers see only durable state: the write
 * lock is held from the first state change of a batch until its fsync returns.
 */
public final class LedgerLog {
  /** A transaction that will be appended or refused, as judged by the state machine. */
  public record Outcome(Tx tx, Optional<Appended> appended, Optional<Rejection> rejection) {}

  private final LogStore store;
  private final LedgerState state;
  private final CheckpointSigner signer;
  private final Clock clock;
  private final CompactRange range;
  private final StoredTree tree;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile String checkpoint;
  private volatile boolean failed;

  private LedgerLog(
      LogStore store, LedgerState state, CheckpointSigner signer, Clock clock, CompactRange range) {
    this.store = store;
    this.state = state;
    this.signer = signer;
    this.clock = clock;
    this.range = range;
    this.tree = new StoredTree(store);
    this.checkpoint =
        store.latestCheckpoint().map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
  }

  /**
   * Opens a log over {@code store}, replaying every stored leaf through the state machine. A leaf
   * the rules refuse, or a stored checkpoint that does not match the stored tree, means the store
   * is corrupt: opening fails rather than serving a wrong state.
   */
  public static LedgerLog open(LogStore store, CheckpointSigner signer, Clock clock) {
    LedgerState state = new LedgerState();
    long size = store.size();
    final int page = 1024;
    for (long start = 0; start < size; start += page) {
      // Decoding and signature checks are independent per leaf: do them on every core, then
      // apply in order (the signature result is kept in each Tx, so apply does not redo it).
      List<Leaf> leaves =
          store.leaves(start, Math.min(size, start + page)).parallelStream()
              .map(LeafCodec::decode)
              .peek(l -> l.tx().signatureValid())
              .toList();
      for (Leaf leaf : leaves) {
        StateMachine.apply(state, leaf);
      }
    }
    StoredTree tree = new StoredTree(store);
    CompactRange range = CompactRange.restore(size, tree);
    LedgerLog log = new LedgerLog(store, state, signer, clock, range);
    if (size > 0) {
      if (state.origin().isPresent() && !state.origin().get().equals(signer.origin())) {
        throw new IllegalStateException(
            "log origin is " + state.origin().get() + " but the signer's is " + signer.origin());
      }
      Checkpoint stored = new CheckpointVerifier(signer.verifierKey()).verify(log.checkpoint);
      if (stored.size() != size || !stored.root().equals(range.root())) {
        throw new IllegalStateException(
            "stored checkpoint does not match the stored tree at size " + size);
      }
    }
    return log;
  }

  /**
   * Applies and stores a batch. Each transaction is judged in order against the state left by the
   * ones before it; refused ones change nothing and are reported as such. Returns once the accepted
   * leaves are durable.
   */
  public List<Outcome> append(List<Tx> batch) {
    if (failed) {
      throw new Rejection(
          ErrorCode.UNAVAILABLE, "the log stopped after a storage failure; restart the node");
    }
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    lock.writeLock().lock();
    try {
      long first = state.size();
      List<byte[]> leaves = new ArrayList<>();
      List<NodeWrite> nodes = new ArrayList<>();
      for (Tx tx : batch) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Instant time = now.isBefore(state.lastTime()) ? state.lastTime() : now;
        Leaf leaf = new Leaf(state.size(), time, tx);
        List<StateEvent> events;
        try {
          events = StateMachine.apply(state, leaf);
        } catch (Rejection r) {
          outcomes.add(new Outcome(tx, Optional.empty(), Optional.of(r)));
          continue;
        } catch (RuntimeException e) {
          failed = true; // a bug in the rules: the state may be half-changed, so stop writing
          throw e;
        }
        byte[] bytes = LeafCodec.encode(leaf);
        Hash leafHash = MerkleHash.leaf(bytes);
        leaves.add(bytes);
        for (TreeNode n : range.append(leafHash)) {
          nodes.add(new NodeWrite(n.level(), n.index(), n.hash().bytes()));
        }
        outcomes.add(
            new Outcome(
                tx, Optional.of(new Appended(leaf, bytes, leafHash, events)), Optional.empty()));
      }
      if (!leaves.isEmpty()) {
        String note = signer.sign(range.size(), range.root());
        try {
          store.append(first, leaves, nodes, note.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
          // State and Merkle range are ahead of the store now; only a restart (which replays the
          // store) can bring them back in step, so refuse everything until then.
          failed = true;
          throw new Rejection(ErrorCode.UNAVAILABLE, "storage failure: " + e.getMessage());
        }
        checkpoint = note;
      }
      return outcomes;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Reads the state under the read lock; {@code reader} must not keep references past return. */
  public <T> T read(Function<LedgerState, T> reader) {
    lock.readLock().lock();
    try {
      return reader.apply(state);
    } finally {
      lock.readLock().unlock();
    }
  }

  public long size() {
    return store.size();
  }

  /** The latest signed checkpoint note. */
  public String checkpoint() {
    return checkpoint;
  }

  public CheckpointSigner signer() {
    return signer;
  }

  /** The stored perfect subtrees (tiles and proofs are read from them). */
  public TreeNodes nodes() {
    return tree;
  }

  public List<byte[]> leaves(long start, long end) {
    return store.leaves(start, end);
  }

  public InclusionProof inclusionProof(long index, long size) {
    checkSize(size);
    if (index < 0 || index >= size) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "index must be in [0, size)");
    }
    return new InclusionProof(index, size, MerkleProofs.inclusion(tree, index, size));
  }

  public ConsistencyProof consistencyProof(long from, long to) {
    checkSize(to);
    if (from < 1 || from > to) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "from must be in [1, to]");
    }
    return new ConsistencyProof(from, to, MerkleProofs.consistency(tree, from, to));
  }

  public Hash rootAt(long size) {
    checkSize(size);
    return MerkleProofs.root(tree, size);
  }

  private void checkSize(long size) {
    long current = store.size();
    if (size < 1 || size > current) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "size must be in [1, " + current + "]");
    }
  }
}
