package dev.swarmledger.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.crypto.Hash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the blob store contract against {@link DiskBlobStore}, plus what only disk can show. */
class DiskBlobStoreTest extends BlobStoreContract {
  @TempDir Path dir;

  @Override
  protected BlobStore openEmpty(long maxBlobBytes) {
    return DiskBlobStore.open(dir.resolve("blobs"), maxBlobBytes);
  }

  @Override
  protected BlobStore reopenAfterCrash(BlobStore crashed) {
    return DiskBlobStore.open(dir.resolve("blobs"), crashed.maxBlobBytes());
  }

  @Override
  protected long pendingWrites() {
    return count(dir.resolve("blobs/tmp"));
  }

  private static long count(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void blobsFanOutByTheFirstByteOfTheirHash() {
    byte[] b = bytes(100, 20);
    try (DiskBlobStore store = DiskBlobStore.open(dir.resolve("fan"), LIMIT)) {
      store.put(sha(b), new ByteArrayInputStream(b), b.length);
      Path file = dir.resolve("fan").resolve(sha(b).hex().substring(0, 2)).resolve(sha(b).hex());
      assertThat(file).isRegularFile().hasBinaryContent(b);
    }
  }

  @Test
  void aTempFileLeftByACrashIsIgnoredAndDeletedAtOpen() throws IOException {
    byte[] b = bytes(1000, 21);
    Hash h = sha(b);
    Path root = dir.resolve("crashed");
    Files.createDirectories(root.resolve("tmp"));
    // What a process killed mid-upload leaves: a prefix of the blob under a temp name.
    Path part = root.resolve("tmp").resolve(h.hex() + "-123.part");
    Files.write(part, java.util.Arrays.copyOf(b, 400));

    try (DiskBlobStore store = DiskBlobStore.open(root, LIMIT)) {
      assertThat(part).doesNotExist();
      assertThat(store.has(h)).isFalse();
      assertThat(store.get(h)).isEmpty();
      assertThat(store.put(h, new ByteArrayInputStream(b), b.length)).isTrue();
      assertThat(read(store, h)).isEqualTo(b);
    }
  }

  @Test
  void reopeningKeepsStoredBlobs() {
    byte[] b = bytes(2000, 22);
    try (DiskBlobStore store = DiskBlobStore.open(dir.resolve("keep"), LIMIT)) {
      store.put(sha(b), new ByteArrayInputStream(b), b.length);
    }
    try (DiskBlobStore store = DiskBlobStore.open(dir.resolve("keep"), LIMIT)) {
      assertThat(read(store, sha(b))).isEqualTo(b);
    }
  }
}
