package dev.swarmledger.node.log;

import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.TreeNodes;

/** The Merkle nodes persisted in a {@link LogStore}: each proof costs O(log n) point reads. */
final class StoredTree implements TreeNodes {
  private final LogStore store;

  StoredTree(LogStore store) {
    this.store = store;
  }

  @Override
  public Hash node(int level, long index) {
    return store
        .node(level, index)
        .map(Hash::of)
        .orElseThrow(() -> new IllegalStateException("missing Merkle node " + level + "/" + index));
  }
}
