package dev.swarmledger.node.blobs;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Set;

/**
 * Who may upload a blob: the accounts whose logged transactions reference its hash (a result's
 * contributor and the verifiers that kept the same weights, a job's worker and the verifier that
 * reproduced its output). A hash no logged transaction references may not be uploaded by anyone.
 */
@FunctionalInterface
public interface BlobUploads {
  /** The accounts whose logged transactions reference {@code hash}; empty when none does. */
  Set<PublicKey> uploadersOf(Hash hash);
}
