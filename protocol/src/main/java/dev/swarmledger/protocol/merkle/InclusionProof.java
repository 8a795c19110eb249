package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.List;

/** A proof that a leaf is at {@code index} in the tree of {@code size} leaves (RFC 9162 §2.1.3). */
public record InclusionProof(long index, long size, List<Hash> path) {
  public InclusionProof {
    if (index < 0 || size < 0) {
      throw new IllegalArgumentException("index and size must be >= 0, got " + index + ", " + size);
    }
    path = List.copyOf(path);
  }

  /** Generates the proof for leaf {@code index} of the tree of {@code size} leaves. */
  public static InclusionProof generate(TreeNodes nodes, long index, long size) {
    return new InclusionProof(index, size, MerkleProofs.inclusion(nodes, index, size));
  }

  /**
   * RFC 9162 §2.1.3.2: true iff the path leads from {@code leafHash} to {@code root}. Never throws.
   */
  public boolean verify(Hash leafHash, Hash root) {
    if (leafHash == null || root == null || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    for (Hash p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        // Skip the levels where this subtree is the right border's lone left child.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && r.equals(root);
  }
}
