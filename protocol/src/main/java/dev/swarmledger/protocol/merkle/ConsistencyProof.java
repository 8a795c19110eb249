package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * A proof that the tree of {@code from} leaves is a prefix of the tree of {@code to} leaves (RFC
 * 9162 §2.1.4).
 */
public record ConsistencyProof(long from, long to, List<Hash> path) {
  public ConsistencyProof {
    if (from < 0 || to < 0) {
      throw new IllegalArgumentException("from and to must be >= 0, got " + from + ", " + to);
    }
    path = List.copyOf(path);
  }

  /** Generates the proof between sizes {@code from} (> 0) and {@code to} (>= from). */
  public static ConsistencyProof generate(TreeNodes nodes, long from, long to) {
    return new ConsistencyProof(from, to, MerkleProofs.consistency(nodes, from, to));
  }

  /**
   * RFC 9162 §2.1.4.2: true iff {@code fromRoot} and {@code toRoot} are the roots of two trees of
   * which the first is a prefix of the second. Equal sizes need an empty path and equal roots; from
   * == 0 has no proof in the RFC and is refused. Never throws.
   */
  public boolean verify(Hash fromRoot, Hash toRoot) {
    if (fromRoot == null || toRoot == null || from == 0 || from > to) {
      return false;
    }
    if (from == to) {
      return path.isEmpty() && fromRoot.equals(toRoot);
    }
    if (path.isEmpty()) {
      return false;
    }
    List<Hash> proof = path;
    if (Long.bitCount(from) == 1) {
      // The old tree is a perfect subtree of the new one, so its root is the proof's first node.
      proof = new ArrayList<>(path.size() + 1);
      proof.add(fromRoot);
      proof.addAll(path);
    }
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Hash fr = proof.get(0);
    Hash sr = proof.get(0);
    for (Hash c : proof.subList(1, proof.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && fr.equals(fromRoot) && sr.equals(toRoot);
  }
}
