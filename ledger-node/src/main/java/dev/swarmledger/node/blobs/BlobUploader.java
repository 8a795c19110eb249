package dev.swarmledger.node.blobs;

import dev.swarmledger.node.storage.BlobStore;
import dev.swarmledger.node.storage.BlobWrite;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.blobs.BlobPutSignature;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a blob upload, checked from the request's head before any byte of the body is kept:
 * the uploader's signature, that a logged transaction of that uploader references the hash (several
 * accounts may), and the size limit. A blob already stored is not written again.
 */
public final class BlobUploader {
  private final BlobStore store;
  private final BlobUploads uploads;

  public BlobUploader(BlobStore store, BlobUploads uploads) {
    this.store = store;
    this.uploads = uploads;
  }

  /**
   * Admits the upload of {@code length} bytes claimed to hash to {@code hash}: an open write to
   * stream the body into, or empty when the blob is already stored (the body is then not needed).
   * Refuses with {@code bad_signature}, {@code blob_not_referenced}, {@code not_blob_uploader} or
   * {@code blob_too_large}.
   */
  public Optional<BlobWrite> admit(Hash hash, long length, PublicKey uploader, byte[] signature) {
    if (!BlobPutSignature.verifies(uploader, hash, length, signature)) {
      throw new Rejection(
          ErrorCode.BAD_SIGNATURE,
          "signature does not verify for " + uploader.hex() + " over blob " + hash.hex());
    }
    Set<PublicKey> referencers = uploads.uploadersOf(hash);
    if (referencers.isEmpty()) {
      throw new Rejection(
          ErrorCode.BLOB_NOT_REFERENCED, "no logged transaction references blob " + hash.hex());
    }
    if (!referencers.contains(uploader)) {
      throw new Rejection(
          ErrorCode.NOT_BLOB_UPLOADER,
          "blob "
              + hash.hex()
              + " is referenced only by other accounts' transactions; only they may upload it");
    }
    if (store.has(hash)) {
      return Optional.empty();
    }
    return Optional.of(store.begin(hash, length));
  }
}
