package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.Objects;

/**
 * One perfect subtree root, addressed as in {@link TreeNodes#node(int, long)}; what storage
 * persists.
 */
public record TreeNode(int level, long index, Hash hash) {
  public TreeNode {
    if (level < 0 || level > 63) {
      throw new IllegalArgumentException("level must be in [0, 63], got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
    Objects.requireNonNull(hash, "hash");
  }
}
