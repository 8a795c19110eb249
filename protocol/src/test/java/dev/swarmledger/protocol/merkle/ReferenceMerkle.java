package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.List;

/** The RFC 9162 §2.1.1 MTH written out naively and recursively, as ground truth for the tests. */
final class ReferenceMerkle {
  private ReferenceMerkle() {}

  /** MTH(D[0:n]) where {@code leafHashes} are the already-hashed leaves. */
  static Hash root(List<Hash> leafHashes) {
    if (leafHashes.isEmpty()) {
      return Hash.sha256();
    }
    if (leafHashes.size() == 1) {
      return leafHashes.get(0);
    }
    int k = 1;
    while (k * 2 < leafHashes.size()) {
      k *= 2;
    }
    byte[] left = root(leafHashes.subList(0, k)).bytes();
    byte[] right = root(leafHashes.subList(k, leafHashes.size())).bytes();
    return Hash.sha256(new byte[] {1}, left, right);
  }
}
