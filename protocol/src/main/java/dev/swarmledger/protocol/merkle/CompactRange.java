package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The append side of the log: the roots of the perfect subtrees ("mountains") that make up the
 * tree, one per set bit of the size. Appending costs O(log n) hashes and reports every new node so
 * the caller can store it. Not thread-safe: the sequencer owns one.
 */
public final class CompactRange {
  // peaks.get(0) is the largest (leftmost) perfect subtree; sizes follow the bits of size, high to
  // low.
  private final List<Hash> peaks;
  private long size;

  public CompactRange() {
    this(0, new ArrayList<>());
  }

  private CompactRange(long size, List<Hash> peaks) {
    this.size = size;
    this.peaks = peaks;
  }

  /** Rebuilds the range of a tree of {@code size} leaves from its O(log n) stored perfect roots. */
  public static CompactRange restore(long size, TreeNodes nodes) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    Objects.requireNonNull(nodes, "nodes");
    List<Hash> peaks = new ArrayList<>();
    long offset = 0;
    for (int level = 62; level >= 0; level--) {
      if ((size & (1L << level)) != 0) {
        peaks.add(nodes.node(level, offset >>> level));
        offset += 1L << level;
      }
    }
    return new CompactRange(size, peaks);
  }

  /**
   * Appends a leaf hash; returns the new perfect nodes, bottom-up: the leaf at level 0, then each
   * parent completed by this append.
   */
  public List<TreeNode> append(Hash leafHash) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("tree is full");
    }
    List<TreeNode> created = new ArrayList<>();
    long index = size;
    int level = 0;
    Hash hash = leafHash;
    created.add(new TreeNode(level, index, hash));
    // Each trailing 1 bit of the old size is a peak of the same height as the carry: merge them.
    for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
      hash = MerkleHash.node(peaks.remove(peaks.size() - 1), hash);
      level++;
      index >>>= 1;
      created.add(new TreeNode(level, index, hash));
    }
    peaks.add(hash);
    size++;
    return created;
  }

  public long size() {
    return size;
  }

  /** The RFC 9162 tree hash of the leaves so far: the peaks folded from the right. */
  public Hash root() {
    if (peaks.isEmpty()) {
      return MerkleHash.empty();
    }
    Hash root = peaks.get(peaks.size() - 1);
    for (int i = peaks.size() - 2; i >= 0; i--) {
      root = MerkleHash.node(peaks.get(i), root);
    }
    return root;
  }
}
