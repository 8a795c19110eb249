package dev.swarmledger.node.storage;

/** Runs the blob store contract against {@link InMemoryBlobStore}. */
class InMemoryBlobStoreTest extends BlobStoreContract {
  @Override
  protected BlobStore openEmpty(long maxBlobBytes) {
    return new InMemoryBlobStore(maxBlobBytes);
  }

  @Override
  protected BlobStore reopenAfterCrash(BlobStore crashed) {
    return crashed;
  }
}
