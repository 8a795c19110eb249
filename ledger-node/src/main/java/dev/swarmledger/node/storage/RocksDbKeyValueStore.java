package dev.swarmledger.node.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.Filter;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * The durable {@link KeyValueStore}: one RocksDB database in a directory, write-ahead log on,
 * synced batches fsync'd before they return.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
  static {
    // Extracts and loads the JNI library; the class initialiser guarantees it happens once.
    RocksDB.loadLibrary();
  }

  private static final long BLOCK_CACHE_BYTES = 64L << 20;
  private static final double BLOOM_BITS_PER_KEY = 10.0;

  private final Path directory;
  private final Cache blockCache;
  private final Filter bloomFilter;
  private final Options options;
  private final WriteOptions syncedWrites;
  private final WriteOptions bufferedWrites;
  private final RocksDB db;

  // RocksJava crashes the JVM when a handle is used after it was freed, so every operation holds
  // the read side and close() takes the write side before releasing native memory.
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDbKeyValueStore(
      Path directory,
      Cache blockCache,
      Filter bloomFilter,
      Options options,
      WriteOptions syncedWrites,
      WriteOptions bufferedWrites,
      RocksDB db) {
    this.directory = directory;
    this.blockCache = blockCache;
    this.bloomFilter = bloomFilter;
    this.options = options;
    this.syncedWrites = syncedWrites;
    this.bufferedWrites = bufferedWrites;
    this.db = db;
  }

  /** Opens the database in {@code dir}, creating the directory and an empty database if needed. */
  public static RocksDbKeyValueStore open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot create storage directory " + dir, e);
    }
    Cache cache = new LRUCache(BLOCK_CACHE_BYTES);
    Filter filter = new BloomFilter(BLOOM_BITS_PER_KEY);
    Options options = newOptions(cache, filter);
    WriteOptions synced = new WriteOptions().setSync(true);
    WriteOptions buffered = new WriteOptions().setSync(false);
    try {
      RocksDB db = RocksDB.open(options, dir.toString());
      return new RocksDbKeyValueStore(dir, cache, filter, options, synced, buffered, db);
    } catch (RocksDBException e) {
      buffered.close();
      synced.close();
      options.close();
      filter.close();
      cache.close();
      throw new StorageException("cannot open RocksDB in " + dir + ": " + describe(e), e);
    }
  }

  private static Options newOptions(Cache cache, Filter filter) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            // Proofs are O(log n) point reads of node hashes: a bloom filter skips files that
            // cannot hold the key, and keeping index/filter blocks in the bounded cache keeps
            // memory bounded as the log grows.
            .setFilterPolicy(filter)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true);
    return new Options()
        .setCreateIfMissing(true)
        .setTableFormatConfig(table)
        // Leaves are JSON and compress well; LZ4 is cheap enough for the write path.
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
        .setMaxBackgroundJobs(Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())))
        // RocksDB's own LOG files otherwise grow without bound next to the data.
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
        .setKeepLogFileNum(5);
  }

  @Override
  public Optional<byte[]> get(byte[] key) {
    Objects.requireNonNull(key, "key");
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return Optional.ofNullable(db.get(key));
    } catch (RocksDBException e) {
      throw new StorageException("RocksDB read failed in " + directory + ": " + describe(e), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void write(WriteBatch batch, boolean sync) {
    Objects.requireNonNull(batch, "batch");
    lifecycle.readLock().lock();
    try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
      ensureOpen();
      batch.applyTo(new NativeBatchTarget(rocksBatch));
      db.write(sync ? syncedWrites : bufferedWrites, rocksBatch);
    } catch (RocksDBException e) {
      throw new StorageException(
          "RocksDB write of " + batch + " failed in " + directory + ": " + describe(e), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void scan(byte[] fromInclusive, byte[] toExclusive, ScanVisitor visitor) {
    Objects.requireNonNull(fromInclusive, "fromInclusive");
    Objects.requireNonNull(toExclusive, "toExclusive");
    Objects.requireNonNull(visitor, "visitor");
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      if (Arrays.compareUnsigned(fromInclusive, toExclusive) >= 0) {
        return;
      }
      // The upper bound lets RocksDB stop at the end of the range instead of reading one block
      // past it; the iterator pins an implicit snapshot, so the scan sees whole batches only.
      try (Slice upperBound = new Slice(toExclusive);
          ReadOptions read = new ReadOptions().setIterateUpperBound(upperBound);
          RocksIterator iterator = db.newIterator(read)) {
        for (iterator.seek(fromInclusive); iterator.isValid(); iterator.next()) {
          if (!visitor.visit(iterator.key(), iterator.value())) {
            return;
          }
        }
        iterator.status();
      }
    } catch (RocksDBException e) {
      throw new StorageException("RocksDB scan failed in " + directory + ": " + describe(e), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Closes the database, then the option objects it was opened with; idempotent. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      RocksDBException failure = null;
      try {
        db.closeE();
      } catch (RocksDBException e) {
        failure = e;
      } finally {
        // The database refers to these until it is closed, and the options to cache and filter.
        bufferedWrites.close();
        syncedWrites.close();
        options.close();
        bloomFilter.close();
        blockCache.close();
      }
      if (failure != null) {
        throw new StorageException(
            "RocksDB did not close cleanly in " + directory + ": " + describe(failure), failure);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * Measures raw synced-write throughput in {@code dir} (a scratch directory): {@code batches}
   * synced batches of {@code leavesPerBatch} random values of {@code leafBytes} each, under
   * increasing 9-byte keys. Returns leaves per second; the baseline for append benchmarks.
   */
  public static double measureSyncedBatchRate(
      Path dir, int batches, int leavesPerBatch, int leafBytes) {
    if (batches < 1 || leavesPerBatch < 1 || leafBytes < 0) {
      throw new IllegalArgumentException(
          "need batches >= 1, leavesPerBatch >= 1, leafBytes >= 0; got "
              + batches
              + ", "
              + leavesPerBatch
              + ", "
              + leafBytes);
    }
    SplittableRandom random = new SplittableRandom(42);
    try (RocksDbKeyValueStore store = open(dir)) {
      long index = 0;
      long started = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        WriteBatch batch = new WriteBatch();
        for (int l = 0; l < leavesPerBatch; l++) {
          byte[] leaf = new byte[leafBytes];
          random.nextBytes(leaf);
          batch.put(ByteBuffer.allocate(9).put((byte) 'B').putLong(index++).array(), leaf);
        }
        store.write(batch, true);
      }
      long elapsed = Math.max(1, System.nanoTime() - started);
      return index * 1e9 / elapsed;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("RocksDB store in " + directory + " is closed");
    }
  }

  private static String describe(RocksDBException e) {
    // The message carries RocksDB's status text ("IO error: No space left on device ...").
    return String.valueOf(e.getMessage());
  }

  /** Copies a {@link WriteBatch} into RocksDB's native batch. */
  private static final class NativeBatchTarget implements WriteBatch.Target {
    private final org.rocksdb.WriteBatch target;

    private NativeBatchTarget(org.rocksdb.WriteBatch target) {
      this.target = target;
    }

    @Override
    public void put(byte[] key, byte[] value) {
      try {
        target.put(key, value);
      } catch (RocksDBException e) {
        throw new StorageException("cannot add a put to a RocksDB batch: " + describe(e), e);
      }
    }

    @Override
    public void delete(byte[] key) {
      try {
        target.delete(key);
      } catch (RocksDBException e) {
        throw new StorageException("cannot add a delete to a RocksDB batch: " + describe(e), e);
      }
    }
  }
}
