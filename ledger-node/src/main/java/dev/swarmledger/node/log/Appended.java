package dev.swarmledger.node.log;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.tx.Leaf;
import java.util.List;

/** A transaction durably stored at {@code index}, with the events its transition caused. */
public record Appended(Leaf leaf, byte[] leafBytes, Hash leafHash, List<StateEvent> events) {
  public long index() {
    return leaf.index();
  }
}
