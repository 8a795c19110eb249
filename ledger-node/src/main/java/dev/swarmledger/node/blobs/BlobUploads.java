package dev.swarmledger.node.blobs;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Optional;

/**
 * Who may upload a blob: the account of the logged transaction that references its hash (a job's
 * weights or outputs). A hash no logged transaction references may not be uploaded by anyone.
 */
@FunctionalInterface
public interface BlobUploads {
  /** The account whose logged transaction references {@code hash}, or empty when none does. */
  Optional<PublicKey> uploaderOf(Hash hash);
}
