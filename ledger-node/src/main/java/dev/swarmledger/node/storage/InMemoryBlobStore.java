package dev.swarmledger.node.storage;

import dev.swarmledger.protocol.crypto.Hash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Blobs in memory, for tests and nodes without a data folder. */
public final class InMemoryBlobStore implements BlobStore {
  private final Map<Hash, byte[]> blobs = new ConcurrentHashMap<>();
  private final long maxBlobBytes;

  public InMemoryBlobStore(long maxBlobBytes) {
    if (maxBlobBytes < 0) {
      throw new IllegalArgumentException("maxBlobBytes must not be negative");
    }
    this.maxBlobBytes = maxBlobBytes;
  }

  @Override
  public long maxBlobBytes() {
    return maxBlobBytes;
  }

  @Override
  public BlobWrite begin(Hash hash, long length) {
    if (length > maxBlobBytes) {
      throw BlobStore.tooLarge(length, maxBlobBytes);
    }
    return new VerifyingBlobWrite(hash, length) {
      // Grows with the bytes received, never beyond the declared length the base class enforces.
      private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

      @Override
      void store(ByteBuffer bytes) {
        byte[] chunk = new byte[bytes.remaining()];
        bytes.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }

      @Override
      boolean publish() {
        return blobs.putIfAbsent(hash(), buffer.toByteArray()) == null;
      }

      @Override
      void discard() {
        buffer = new ByteArrayOutputStream();
      }
    };
  }

  @Override
  public Optional<BlobStream> get(Hash hash) {
    return Optional.ofNullable(blobs.get(hash))
        .map(b -> new BlobStream(b.length, new ByteArrayInputStream(b)));
  }

  @Override
  public boolean has(Hash hash) {
    return blobs.containsKey(hash);
  }

  @Override
  public boolean delete(Hash hash) {
    return blobs.remove(hash) != null;
  }

  @Override
  public void close() {}
}
