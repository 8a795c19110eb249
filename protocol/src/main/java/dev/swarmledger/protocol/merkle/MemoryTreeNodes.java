package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory tree (all perfect nodes, fed by a {@link CompactRange}) for tests and verification
 * tools.
 */
public final class MemoryTreeNodes implements TreeNodes {
  private final CompactRange range = new CompactRange();
  private final List<List<Hash>> levels = new ArrayList<>();

  /** Appends a leaf hash; returns its index. */
  public synchronized long append(Hash leafHash) {
    if (range.size() == Integer.MAX_VALUE) {
      throw new IllegalStateException("an in-memory tree holds at most 2^31 - 1 leaves");
    }
    long index = range.size();
    for (TreeNode node : range.append(leafHash)) {
      if (levels.size() == node.level()) {
        levels.add(new ArrayList<>());
      }
      // Nodes arrive in index order per level, so each level is a plain list.
      levels.get(node.level()).add(node.hash());
    }
    return index;
  }

  public synchronized long size() {
    return range.size();
  }

  public synchronized Hash root() {
    return range.root();
  }

  @Override
  public synchronized Hash node(int level, long index) {
    if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
      throw new IllegalArgumentException("no stored node at level " + level + ", index " + index);
    }
    return levels.get(level).get((int) index);
  }
}
