package dev.swarmledger.contracts;

import dev.swarmledger.protocol.crypto.Hash;

/**
 * What the contract holds as the latest anchor of one origin.
 *
 * @param blockNumber the block of the transaction that stored it; 0 when never anchored
 */
public record OnChainAnchor(long size, Hash root, long blockNumber) {
  public boolean exists() {
    return blockNumber != 0;
  }
}
