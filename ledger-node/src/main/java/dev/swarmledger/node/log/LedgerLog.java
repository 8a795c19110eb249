package dev.swarmledger.node.log;

import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.NodeWrite;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
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
import java.util.function.LongFunction;

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
  private LedgerState state; // guarded by lock; replaced only when a follower rolls back
  private final Optional<CheckpointSigner> signer;
  private final NoteVerifierKey key;
  private final Clock clock;
  private final CompactRange range;
  private final StoredTree tree;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile String checkpoint;
  private volatile boolean failed;
  private long restoredFrom;

  private LedgerLog(
      LogStore store,
      LedgerState state,
      Optional<CheckpointSigner> signer,
      NoteVerifierKey key,
      Clock clock,
      CompactRange range) {
    this.store = store;
    this.state = state;
    this.signer = signer;
    this.key = key;
    this.clock = clock;
    this.range = range;
    this.tree = new StoredTree(store);
    this.checkpoint =
        store.latestCheckpoint().map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
  }

  /**
   * Where a restart may begin instead of leaf 0: a state at some size no larger than the log's,
   * already checked against the log's Merkle root at that size ({@code rootAt}).
   */
  public interface StartingState {
    Optional<LedgerState> find(long logSize, LongFunction<Hash> rootAt);

    /** Always replays from leaf 0. */
    StartingState NONE = (size, rootAt) -> Optional.empty();
  }

  /**
   * Opens a log over {@code store}, replaying every stored leaf through the state machine. A leaf
   * the rules refuse, or a stored checkpoint that does not match the stored tree, means the store
   * is corrupt: opening fails rather than serving a wrong state.
   */
  public static LedgerLog open(LogStore store, CheckpointSigner signer, Clock clock) {
    return open(store, signer, clock, StartingState.NONE);
  }

  /**
   * Opens a log over {@code store} from the state {@code start} finds (a verified snapshot), then
   * replays the leaves after it; from leaf 0 when it finds none.
   */
  public static LedgerLog open(
      LogStore store, CheckpointSigner signer, Clock clock, StartingState starting) {
    return open(store, Optional.of(signer), signer.verifierKey(), clock, starting);
  }

  /**
   * Opens a log that follows another node's ({@link #appendFollowed}): it never signs, and its
   * stored checkpoints are that node's, verified with {@code logKey}.
   */
  public static LedgerLog openFollower(
      LogStore store, NoteVerifierKey logKey, Clock clock, StartingState starting) {
    return open(store, Optional.empty(), logKey, clock, starting);
  }

  private static LedgerLog open(
      LogStore store,
      Optional<CheckpointSigner> signer,
      NoteVerifierKey key,
      Clock clock,
      StartingState starting) {
    long size = store.size();
    StoredTree tree = new StoredTree(store);
    LedgerState state =
        size == 0
            ? new LedgerState()
            : starting
                .find(size, n -> MerkleProofs.root(tree, n))
                .filter(s -> s.size() <= size)
                .orElseGet(LedgerState::new);
    long restoredFrom = state.size();
    replay(store, state, size);
    CompactRange range = CompactRange.restore(size, tree);
    LedgerLog log = new LedgerLog(store, state, signer, key, clock, range);
    log.restoredFrom = restoredFrom;
    if (size > 0) {
      if (state.origin().isPresent() && !state.origin().get().equals(key.name())) {
        throw new IllegalStateException(
            "log origin is " + state.origin().get() + " but the log key's is " + key.name());
      }
      Checkpoint stored = new CheckpointVerifier(key).verify(log.checkpoint);
      if (stored.size() != size || !stored.root().equals(range.root())) {
        throw new IllegalStateException(
            "stored checkpoint does not match the stored tree at size " + size);
      }
    }
    return log;
  }

  /** Applies the stored leaves {@code state.size()..size-1} to {@code state}. */
  private static void replay(LogStore store, LedgerState state, long size) {
    final int page = 1024;
    for (long start = state.size(); start < size; start += page) {
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
  }

  /**
   * Applies and stores a batch. Each transaction is judged in order against the state left by the
   * ones before it; refused ones change nothing and are reported as such. Returns once the accepted
   * leaves are durable.
   */
  public List<Outcome> append(List<Tx> batch) {
    signer(); // a follower never sequences
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
        String note = signer().sign(range.size(), range.root());
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

  /**
   * Appends leaves another node sequenced, after checking everything a follower can: the note is
   * signed by this log's key and names this log; each leaf decodes, sits at its index and carries a
   * valid signature; the leaves extend this log to exactly the checkpoint's root; and the rules
   * accept each in order. Nothing is stored unless all of it holds. A leaf the rules refuse leaves
   * the state half-changed, so the log then refuses everything until a restart (which replays what
   * was stored).
   *
   * @throws FollowRefused what is wrong, for the mirror to report and stop on
   */
  public List<Appended> appendFollowed(List<byte[]> leaves, String note) {
    if (failed) {
      throw new FollowRefused("the log stopped after an earlier refusal; restart the mirror");
    }
    Checkpoint cp;
    try {
      cp = new CheckpointVerifier(key).verify(note);
    } catch (IllegalArgumentException e) {
      throw new FollowRefused("checkpoint refused: " + e.getMessage());
    }
    lock.writeLock().lock();
    try {
      long first = state.size();
      if (cp.size() != first + leaves.size()) {
        throw new FollowRefused(
            "checkpoint of size " + cp.size() + " for " + leaves.size() + " leaves after " + first);
      }
      CompactRange trial = CompactRange.restore(first, tree);
      List<Leaf> decoded = new ArrayList<>(leaves.size());
      List<Hash> hashes = new ArrayList<>(leaves.size());
      List<NodeWrite> nodes = new ArrayList<>();
      for (int i = 0; i < leaves.size(); i++) {
        Leaf leaf;
        try {
          leaf = LeafCodec.decode(leaves.get(i));
        } catch (RuntimeException e) {
          throw new FollowRefused("leaf " + (first + i) + " does not decode: " + e.getMessage());
        }
        if (leaf.index() != first + i) {
          throw new FollowRefused("leaf " + (first + i) + " says it is leaf " + leaf.index());
        }
        if (!leaf.tx().signatureValid()) {
          throw new FollowRefused("leaf " + leaf.index() + " carries a bad signature");
        }
        Hash h = MerkleHash.leaf(leaves.get(i));
        for (TreeNode n : trial.append(h)) {
          nodes.add(new NodeWrite(n.level(), n.index(), n.hash().bytes()));
        }
        decoded.add(leaf);
        hashes.add(h);
      }
      if (!trial.root().equals(cp.root())) {
        throw new FollowRefused(
            "the leaves do not hash to the checkpoint's root at size " + cp.size());
      }
      List<Appended> appended = new ArrayList<>(leaves.size());
      for (int i = 0; i < decoded.size(); i++) {
        Leaf leaf = decoded.get(i);
        try {
          appended.add(
              new Appended(leaf, leaves.get(i), hashes.get(i), StateMachine.apply(state, leaf)));
        } catch (RuntimeException e) {
          // The state took part of this batch: rebuild it from what was stored, so the mirror
          // keeps serving exactly what it verified, and follow no further.
          failed = true;
          LedgerState rebuilt = new LedgerState();
          replay(store, rebuilt, store.size());
          state = rebuilt;
          throw new FollowRefused(
              "leaf " + leaf.index() + " is refused by the rules: " + e.getMessage());
        }
      }
      try {
        store.append(first, leaves, nodes, note.getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        failed = true;
        throw new Rejection(ErrorCode.UNAVAILABLE, "storage failure: " + e.getMessage());
      }
      hashes.forEach(range::append);
      checkpoint = note;
      return appended;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Why a follower refuses what the followed node served: a fork, a forgery or a broken leaf. */
  public static final class FollowRefused extends RuntimeException {
    public FollowRefused(String message) {
      super(message);
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

  /** The size of the snapshot this log was opened from; 0 when it replayed every leaf. */
  public long restoredFrom() {
    return restoredFrom;
  }

  /** The latest signed checkpoint note. */
  public String checkpoint() {
    return checkpoint;
  }

  /** The key that signs this log's checkpoints (the node's own, or the followed node's). */
  public NoteVerifierKey key() {
    return key;
  }

  /** This node's checkpoint signer; a follower has none. */
  public CheckpointSigner signer() {
    return signer.orElseThrow(
        () -> new Rejection(ErrorCode.READ_ONLY_MIRROR, "a mirror does not sign checkpoints"));
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
