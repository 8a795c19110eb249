package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;

/**
 * Read access to the stored perfect subtrees of a log: what proofs are generated from. Storage
 * keeps exactly these nodes (see {@link CompactRange#append}), so a proof costs O(log n) lookups.
 */
@FunctionalInterface
public interface TreeNodes {
  /**
   * The hash of the perfect subtree of 2^level leaves covering leaves [index·2^level,
   * (index+1)·2^level); level 0 gives leaf hashes. Implementations throw an unchecked exception for
   * a node that is not stored.
   */
  Hash node(int level, long index);
}
