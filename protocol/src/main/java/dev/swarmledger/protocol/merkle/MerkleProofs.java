package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generates RFC 9162 §2.1 roots, inclusion proofs (PATH) and consistency proofs (SUBPROOF) from
 * stored perfect subtrees, with O(log n) node lookups per call.
 *
 * <p>The recursions of the RFC only ever visit subtrees [start, start+n) whose start is a multiple
 * of a power of two ≥ n. The hash of such a subtree is the right fold of the perfect subtrees given
 * by the bits of n, and along one proof at most one non-perfect sibling needs that fold (after the
 * first step to the left, everything below is perfect).
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** The tree hash of the first {@code size} leaves (the empty hash for 0). */
  public static Hash root(TreeNodes nodes, long size) {
    Objects.requireNonNull(nodes, "nodes");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    return size == 0 ? MerkleHash.empty() : subtreeHash(nodes, 0, size);
  }

  /** The audit path of leaf {@code index} in the tree of {@code size} leaves, bottom-up. */
  public static List<Hash> inclusion(TreeNodes nodes, long index, long size) {
    Objects.requireNonNull(nodes, "nodes");
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "inclusion proof needs 0 <= index < size, got index " + index + ", size " + size);
    }
    List<Hash> path = new ArrayList<>();
    path(nodes, index, 0, size, path);
    return List.copyOf(path);
  }

  /**
   * The proof that the tree of {@code from} leaves is a prefix of the tree of {@code to} leaves,
   * bottom-up; empty when from == to.
   */
  public static List<Hash> consistency(TreeNodes nodes, long from, long to) {
    Objects.requireNonNull(nodes, "nodes");
    if (from <= 0 || from > to) {
      // RFC 9162 §2.1.4.1 defines proofs for 0 < from < to; from == to has the empty proof.
      throw new IllegalArgumentException(
          "consistency proof needs 0 < from <= to, got from " + from + ", to " + to);
    }
    List<Hash> path = new ArrayList<>();
    if (from < to) {
      subproof(nodes, from, 0, to, true, path);
    }
    return List.copyOf(path);
  }

  /** PATH(m, D[start:start+n]) of RFC 9162 §2.1.3.1, appended to {@code out}. */
  private static void path(TreeNodes nodes, long m, long start, long n, List<Hash> out) {
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(nodes, m, start, k, out);
      out.add(subtreeHash(nodes, start + k, n - k));
    } else {
      path(nodes, m - k, start + k, n - k, out);
      out.add(perfect(nodes, start, k));
    }
  }

  /** SUBPROOF(m, D[start:start+n], b) of RFC 9162 §2.1.4.1, appended to {@code out}. */
  private static void subproof(
      TreeNodes nodes, long m, long start, long n, boolean completeSubtree, List<Hash> out) {
    if (m == n) {
      if (!completeSubtree) {
        out.add(subtreeHash(nodes, start, n));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(nodes, m, start, k, completeSubtree, out);
      out.add(subtreeHash(nodes, start + k, n - k));
    } else {
      subproof(nodes, m - k, start + k, n - k, false, out);
      out.add(perfect(nodes, start, k));
    }
  }

  /** MTH(D[start:start+n]) for an aligned subtree: right fold of its perfect parts. */
  private static Hash subtreeHash(TreeNodes nodes, long start, long n) {
    int lowest = Long.numberOfTrailingZeros(n);
    long offset = start + n - (1L << lowest);
    Hash hash = nodes.node(lowest, offset >>> lowest);
    for (int level = lowest + 1; level < 63; level++) {
      if ((n & (1L << level)) != 0) {
        offset -= 1L << level;
        hash = MerkleHash.node(nodes.node(level, offset >>> level), hash);
      }
    }
    return hash;
  }

  private static Hash perfect(TreeNodes nodes, long start, long size) {
    int level = Long.numberOfTrailingZeros(size);
    return nodes.node(level, start >>> level);
  }

  /** The largest power of two strictly smaller than n (n >= 2). */
  private static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
