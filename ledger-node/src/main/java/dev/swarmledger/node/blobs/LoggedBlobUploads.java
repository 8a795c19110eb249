package dev.swarmledger.node.blobs;

import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Set;

/** {@link BlobUploads} answered from the log's state, under its read lock. */
public final class LoggedBlobUploads implements BlobUploads {
  private final LedgerLog log;

  public LoggedBlobUploads(LedgerLog log) {
    this.log = log;
  }

  @Override
  public Set<PublicKey> uploadersOf(Hash hash) {
    // A copy: the state's set is a live view that must not be read outside the lock.
    return log.read(state -> Set.copyOf(state.blobUploaders(hash)));
  }
}
