package dev.swarmledger.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the storage contracts against {@link RocksDbKeyValueStore}, plus what only disk can show.
 */
class RocksDbKeyValueStoreTest {
  @TempDir Path dir;

  @Nested
  class KeyValue extends KeyValueStoreContract {
    @Override
    protected KeyValueStore openEmpty() {
      return RocksDbKeyValueStore.open(dir.resolve("kv"));
    }
  }

  @Nested
  class Log extends LogStoreContract {
    @Override
    protected KeyValueStore openEmpty() {
      return RocksDbKeyValueStore.open(dir.resolve("log"));
    }

    @Override
    protected KeyValueStore reopen(KeyValueStore kv) {
      kv.close();
      return RocksDbKeyValueStore.open(dir.resolve("log"));
    }
  }

  @Test
  void openCreatesMissingDirectories() {
    Path nested = dir.resolve("a/b/c");
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(nested)) {
      store.write(new WriteBatch().put(new byte[] {1}, new byte[] {2}), true);
    }
    assertThat(Files.isDirectory(nested)).isTrue();
  }

  @Test
  void secondOpenOfTheSameDirectoryFailsWithAStorageException() {
    try (RocksDbKeyValueStore first = RocksDbKeyValueStore.open(dir.resolve("db"))) {
      assertThatThrownBy(() -> RocksDbKeyValueStore.open(dir.resolve("db")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("cannot open RocksDB")
          .hasMessageContaining("lock");
    }
  }

  @Test
  void openOnAFileFailsWithAStorageException() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    assertThatThrownBy(() -> RocksDbKeyValueStore.open(file)).isInstanceOf(StorageException.class);
  }

  @Test
  void measuresSyncedBatchRate() {
    double leavesPerSecond =
        RocksDbKeyValueStore.measureSyncedBatchRate(dir.resolve("bench"), 20, 8, 512);
    assertThat(leavesPerSecond).isPositive().isFinite();
    assertThatThrownBy(
            () -> RocksDbKeyValueStore.measureSyncedBatchRate(dir.resolve("bench"), 0, 8, 512))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
