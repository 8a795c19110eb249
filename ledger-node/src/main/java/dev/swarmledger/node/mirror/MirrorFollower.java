package dev.swarmledger.node.mirror;

import dev.swarmledger.node.log.Appended;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Brings a follower {@link LedgerLog} up to the followed node's latest checkpoint, verifying as it
 * goes: the checkpoint's signature with the pinned log key, a consistency proof from what the
 * mirror already holds, then every leaf (see {@link LedgerLog#appendFollowed}). The first thing
 * that does not verify stops it for good, with the reason kept; what was verified before stays
 * stored and served.
 */
public final class MirrorFollower {
  private static final Logger LOG = Logger.getLogger(MirrorFollower.class.getName());

  private final LedgerLog log;
  private final LogSource source;
  private final CheckpointVerifier verifier;
  private final Consumer<List<Appended>> listener;
  private volatile Optional<String> refused = Optional.empty();

  public MirrorFollower(LedgerLog log, LogSource source, Consumer<List<Appended>> listener) {
    this.log = log;
    this.source = source;
    this.verifier = new CheckpointVerifier(log.key());
    this.listener = listener;
  }

  /** Why following stopped, if it did: the followed log forked or served something forged. */
  public Optional<String> refused() {
    return refused;
  }

  /**
   * One round: fetch the checkpoint and, if the log grew, the proof and the new leaves. Returns the
   * number of leaves appended. A network failure propagates and the next round retries; a
   * verification failure stops following.
   *
   * @throws LedgerLog.FollowRefused when the followed log cannot be trusted (also kept in {@link
   *     #refused})
   */
  public long poll() {
    if (refused.isPresent()) {
      throw new LedgerLog.FollowRefused(refused.get());
    }
    try {
      return round();
    } catch (LedgerLog.FollowRefused e) {
      refused = Optional.of(e.getMessage());
      LOG.severe("mirror stopped following: " + e.getMessage());
      throw e;
    }
  }

  private long round() {
    String note = source.checkpoint();
    Checkpoint cp;
    try {
      cp = verifier.verify(note);
    } catch (IllegalArgumentException e) {
      throw new LedgerLog.FollowRefused(
          "checkpoint not signed by the pinned log key: " + e.getMessage());
    }
    long local = log.size();
    if (cp.size() < local) {
      throw new LedgerLog.FollowRefused(
          "the log shrank: checkpoint of size "
              + cp.size()
              + " after "
              + local
              + " verified leaves");
    }
    if (local > 0) {
      if (cp.size() == local) {
        if (!cp.root().equals(log.rootAt(local))) {
          throw new LedgerLog.FollowRefused(
              "fork: a second checkpoint of size " + local + " with another root");
        }
        return 0;
      }
      ConsistencyProof proof = source.consistency(local, cp.size());
      if (proof.from() != local
          || proof.to() != cp.size()
          || !proof.verify(log.rootAt(local), cp.root())) {
        throw new LedgerLog.FollowRefused(
            "fork: no valid consistency proof from size " + local + " to " + cp.size());
      }
    } else if (cp.size() == 0) {
      return 0;
    }
    List<byte[]> leaves = new ArrayList<>();
    while (local + leaves.size() < cp.size()) {
      List<byte[]> page = source.entries(local + leaves.size(), cp.size());
      if (page.isEmpty()) {
        throw new LedgerLog.FollowRefused(
            "the node serves no leaf " + (local + leaves.size()) + " below its checkpoint size");
      }
      leaves.addAll(
          page.subList(0, (int) Math.min(page.size(), cp.size() - local - leaves.size())));
    }
    List<Appended> appended = log.appendFollowed(leaves, note);
    listener.accept(appended);
    return appended.size();
  }
}
