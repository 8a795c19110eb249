package dev.swarmledger.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} engine must do; each engine's test runs it. */
abstract class BlobStoreContract {
  static final long LIMIT = 64 * 1024;

  private BlobStore store;

  /** A new empty store accepting blobs up to {@code maxBlobBytes}. */
  protected abstract BlobStore openEmpty(long maxBlobBytes);

  /**
   * The store as the engine finds it after a crash that interrupted writes: the same folder
   * reopened without closing anything (disk), or the same instance (memory).
   */
  protected abstract BlobStore reopenAfterCrash(BlobStore crashed);

  /** Private bytes of unfinished writes the engine still keeps (temp files); none by default. */
  protected long pendingWrites() {
    return 0;
  }

  @BeforeEach
  void open() {
    store = openEmpty(LIMIT);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static Hash sha(byte[] b) {
    return Hash.sha256(b);
  }

  static byte[] read(BlobStore s, Hash h) {
    try (BlobStream in = s.get(h).orElseThrow()) {
      byte[] all = in.in().readAllBytes();
      assertThat(all).hasSize((int) in.size());
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertNothingStored(Hash h) {
    assertThat(store.has(h)).isFalse();
    assertThat(store.get(h)).isEmpty();
    assertThat(pendingWrites()).isZero();
  }

  @Test
  void roundTrip() {
    byte[] b = bytes(40_000, 1);
    assertThat(store.put(sha(b), new ByteArrayInputStream(b), b.length)).isTrue();
    assertThat(store.has(sha(b))).isTrue();
    assertThat(store.get(sha(b)).orElseThrow().size()).isEqualTo(b.length);
    assertThat(read(store, sha(b))).isEqualTo(b);
    assertThat(pendingWrites()).isZero();
  }

  @Test
  void emptyBlobAndBlobAtTheLimitRoundTrip() {
    byte[] empty = new byte[0];
    byte[] full = bytes((int) LIMIT, 2);
    assertThat(store.put(sha(empty), new ByteArrayInputStream(empty), 0)).isTrue();
    assertThat(store.put(sha(full), new ByteArrayInputStream(full), LIMIT)).isTrue();
    assertThat(read(store, sha(empty))).isEmpty();
    assertThat(read(store, sha(full))).isEqualTo(full);
  }

  @Test
  void absentBlobIsEmptyEverywhere() {
    Hash h = sha(bytes(10, 3));
    assertThat(store.has(h)).isFalse();
    assertThat(store.get(h)).isEmpty();
    assertThat(store.delete(h)).isFalse();
  }

  @Test
  void contentWithAnotherHashIsRefusedAndNothingIsStored() {
    byte[] b = bytes(1000, 4);
    Hash claimed = sha(bytes(1000, 5));
    assertThatThrownBy(() -> store.put(claimed, new ByteArrayInputStream(b), b.length))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.BLOB_HASH_MISMATCH));
    assertNothingStored(claimed);
    assertNothingStored(sha(b));
  }

  @Test
  void declaredLengthOverTheLimitIsRefusedBeforeAnyByte() {
    byte[] b = bytes((int) LIMIT + 1, 6);
    CountingStream in = new CountingStream(b);
    assertThatThrownBy(() -> store.put(sha(b), in, b.length))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.BLOB_TOO_LARGE));
    assertThat(in.consumed).isZero();
    assertNothingStored(sha(b));
  }

  @Test
  void streamLongerThanDeclaredIsRefusedAfterReadingOneByteTooMany() {
    byte[] b = bytes(10 * (int) LIMIT, 7);
    CountingStream in = new CountingStream(b);
    assertThatThrownBy(() -> store.put(sha(b), in, LIMIT))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.BLOB_LENGTH_MISMATCH));
    assertThat(in.consumed).isEqualTo(LIMIT + 1);
    assertNothingStored(sha(b));
  }

  @Test
  void streamShorterThanDeclaredIsRefused() {
    byte[] b = bytes(100, 8);
    assertThatThrownBy(() -> store.put(sha(b), new ByteArrayInputStream(b), 101))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.BLOB_LENGTH_MISMATCH));
    assertNothingStored(sha(b));
  }

  @Test
  void secondPutOfAStoredBlobReportsItAndReadsNothing() {
    byte[] b = bytes(500, 9);
    store.put(sha(b), new ByteArrayInputStream(b), b.length);
    CountingStream again = new CountingStream(b);
    assertThat(store.put(sha(b), again, b.length)).isFalse();
    assertThat(again.consumed).isZero();
    assertThat(read(store, sha(b))).isEqualTo(b);
  }

  @Test
  void anUncommittedWriteLeavesNothing() {
    byte[] b = bytes(500, 10);
    try (BlobWrite w = store.begin(sha(b), b.length)) {
      w.write(ByteBuffer.wrap(b));
      assertThat(store.has(sha(b))).isFalse(); // complete but not committed: not visible
    }
    assertNothingStored(sha(b));
  }

  @Test
  void concurrentPutsOfTheSameBlobStoreItOnce() throws Exception {
    byte[] b = bytes(50_000, 11);
    int writers = 8;
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        results.add(
            pool.submit(
                () -> {
                  // Begin first, then wait for all: every writer really writes concurrently.
                  try (BlobWrite w = store.begin(sha(b), b.length)) {
                    start.await(10, TimeUnit.SECONDS);
                    for (int off = 0; off < b.length; off += 4096) {
                      w.write(ByteBuffer.wrap(b, off, Math.min(4096, b.length - off)));
                    }
                    return w.commit();
                  }
                }));
      }
      int stored = 0;
      for (Future<Boolean> f : results) {
        stored += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(stored).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(read(store, sha(b))).isEqualTo(b);
    assertThat(pendingWrites()).isZero();
  }

  @Test
  void aWriteInterruptedByACrashLeavesNoBlob() {
    byte[] kept = bytes(300, 12);
    byte[] cut = bytes(30_000, 13);
    store.put(sha(kept), new ByteArrayInputStream(kept), kept.length);
    BlobWrite w = store.begin(sha(cut), cut.length);
    w.write(ByteBuffer.wrap(cut, 0, cut.length / 2)); // the process dies here, never closing w

    store = reopenAfterCrash(store);

    assertThat(store.has(sha(cut))).isFalse();
    assertThat(store.get(sha(cut))).isEmpty();
    assertThat(read(store, sha(kept))).isEqualTo(kept);
    assertThat(store.put(sha(cut), new ByteArrayInputStream(cut), cut.length)).isTrue();
    assertThat(read(store, sha(cut))).isEqualTo(cut);
  }

  @Test
  void deleteRemovesTheBlob() {
    byte[] b = bytes(64, 14);
    store.put(sha(b), new ByteArrayInputStream(b), b.length);
    assertThat(store.delete(sha(b))).isTrue();
    assertNothingStored(sha(b));
    assertThat(store.put(sha(b), new ByteArrayInputStream(b), b.length)).isTrue();
  }

  /** A stream that counts what the store took from it. */
  static final class CountingStream extends InputStream {
    private final ByteArrayInputStream in;
    long consumed;

    CountingStream(byte[] b) {
      this.in = new ByteArrayInputStream(b);
    }

    @Override
    public int read() {
      int c = in.read();
      consumed += c < 0 ? 0 : 1;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = in.read(b, off, len);
      consumed += Math.max(n, 0);
      return n;
    }
  }
}
