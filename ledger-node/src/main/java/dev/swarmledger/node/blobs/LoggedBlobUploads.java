package dev.swarmledger.node.blobs;

import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.LedgerState;
import java.util.Optional;

/** {@link BlobUploads} answered from the log's state, under its read lock. */
public final class LoggedBlobUploads implements BlobUploads {
  private final LedgerLog log;

  public LoggedBlobUploads(LedgerLog log) {
    this.log = log;
  }

  @Override
  public Optional<PublicKey> uploaderOf(Hash hash) {
    return log.read(state -> referencedBy(state, hash));
  }

  /**
   * No transaction type references a blob yet, so the reference set is empty and every upload is
   * refused. The job transactions ({@code job.create} for weights, {@code job.complete} for
   * outputs) will index their hashes in the state; this is where they are looked up.
   */
  static Optional<PublicKey> referencedBy(LedgerState state, Hash hash) {
    return Optional.empty();
  }
}
