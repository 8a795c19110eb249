package dev.swarmledger.client.audit;

import dev.swarmledger.protocol.crypto.Hash;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What an auditor reads from the chain a log is anchored on: a port, so that the audit's logic
 * stays here and the Ethereum client (web3j, in {@code contracts}) stays at the edge.
 */
public interface AnchorChain {
  /** The chain id the endpoint serves. */
  long chainId() throws IOException;

  /**
   * A mined transaction and the anchor events it emitted; empty when the chain does not know it.
   */
  Optional<Transaction> transaction(String txHash) throws IOException;

  /** What {@code contract} holds as the latest anchor of {@code origin}. */
  Latest latest(String contract, String origin) throws IOException;

  /** Every anchor event {@code contract} emitted for {@code origin}, oldest first. */
  List<Event> history(String contract, String origin) throws IOException;

  /** A mined transaction: did it succeed, in which block, and which anchor events it emitted. */
  record Transaction(boolean succeeded, long blockNumber, List<Event> events) {}

  /** One anchor event: (origin, size, root) stored by {@code contract}. */
  record Event(
      String contract, String origin, long size, Hash root, String txHash, long blockNumber) {}

  /** The contract's latest anchor; {@code blockNumber} 0 when it holds none. */
  record Latest(long size, Hash root, long blockNumber) {
    public boolean exists() {
      return blockNumber != 0;
    }
  }
}
