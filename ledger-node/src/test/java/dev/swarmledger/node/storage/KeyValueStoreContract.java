package dev.swarmledger.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KeyValueStore} engine must do; one subclass per engine. */
abstract class KeyValueStoreContract {
  protected KeyValueStore store;

  /** A new, empty store. */
  protected abstract KeyValueStore openEmpty();

  @BeforeEach
  void open() {
    store = openEmpty();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  private List<byte[]> keysIn(byte[] from, byte[] to) {
    List<byte[]> keys = new ArrayList<>();
    store.scan(from, to, (key, value) -> keys.add(key));
    return keys;
  }

  @Test
  void absentKeyIsEmpty() {
    assertThat(store.get(bytes(1))).isEmpty();
    assertThat(keysIn(bytes(), bytes(0xFF, 0xFF))).isEmpty();
  }

  @Test
  void putThenGetThenDelete() {
    store.write(new WriteBatch().put(bytes(1, 2), bytes(9, 8, 7)), true);
    assertThat(store.get(bytes(1, 2)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(9, 8, 7));

    store.write(new WriteBatch().put(bytes(1, 2), bytes(6)), false);
    assertThat(store.get(bytes(1, 2))).hasValueSatisfying(v -> assertThat(v).containsExactly(6));

    store.write(new WriteBatch().delete(bytes(1, 2)).delete(bytes(3)), true);
    assertThat(store.get(bytes(1, 2))).isEmpty();
  }

  @Test
  void emptyKeysAndValuesAreOrdinaryEntries() {
    store.write(new WriteBatch().put(bytes(), bytes()).put(bytes(0), bytes()), true);
    assertThat(store.get(bytes())).hasValueSatisfying(v -> assertThat(v).isEmpty());
    assertThat(keysIn(bytes(), bytes(1))).containsExactly(bytes(), bytes(0));
  }

  @Test
  void operationsInABatchApplyInOrder() {
    store.write(
        new WriteBatch()
            .put(bytes(1), bytes(1))
            .delete(bytes(1))
            .put(bytes(2), bytes(1))
            .put(bytes(2), bytes(2)),
        true);
    assertThat(store.get(bytes(1))).isEmpty();
    assertThat(store.get(bytes(2))).hasValueSatisfying(v -> assertThat(v).containsExactly(2));
  }

  @Test
  void batchCopiesItsArguments() {
    byte[] key = bytes(5);
    byte[] value = bytes(1, 1);
    WriteBatch batch = new WriteBatch().put(key, value);
    key[0] = 6;
    value[0] = 2;
    store.write(batch, true);
    assertThat(store.get(bytes(5))).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 1));
    assertThat(store.get(bytes(6))).isEmpty();
  }

  @Test
  void returnedArraysBelongToTheCaller() {
    store.write(new WriteBatch().put(bytes(1), bytes(1)), true);
    store.get(bytes(1)).orElseThrow()[0] = 42;
    store.scan(
        bytes(),
        bytes(2),
        (key, value) -> {
          key[0] = 42;
          value[0] = 42;
          return true;
        });
    assertThat(store.get(bytes(1))).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
  }

  @Test
  void scanIsInUnsignedLexicographicOrder() {
    WriteBatch batch = new WriteBatch();
    for (byte[] key :
        List.of(
            bytes(0xFF),
            bytes(0x01),
            bytes(0x80),
            bytes(0x7F),
            bytes(0x01, 0x00),
            bytes(0x00),
            bytes(0xFF, 0xFF))) {
      batch.put(key, key);
    }
    store.write(batch, true);

    List<byte[]> values = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    store.scan(
        bytes(), bytes(0xFF, 0xFF, 0xFF), (key, value) -> keys.add(key) && values.add(value));

    assertThat(keys)
        .containsExactly(
            bytes(0x00),
            bytes(0x01),
            bytes(0x01, 0x00),
            bytes(0x7F),
            bytes(0x80),
            bytes(0xFF),
            bytes(0xFF, 0xFF));
    assertThat(values).containsExactlyElementsOf(keys);
  }

  @Test
  void scanBoundsAreInclusiveExclusive() {
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < 10; i++) {
      batch.put(bytes(0x10, i), bytes(i));
    }
    batch.put(bytes(0x0F, 0xFF), bytes(0)).put(bytes(0x11), bytes(0));
    store.write(batch, true);

    assertThat(keysIn(bytes(0x10, 3), bytes(0x10, 6)))
        .containsExactly(bytes(0x10, 3), bytes(0x10, 4), bytes(0x10, 5));
    assertThat(keysIn(bytes(0x10), bytes(0x11))).hasSize(10);
    assertThat(keysIn(bytes(0x10, 6), bytes(0x10, 6))).isEmpty();
    assertThat(keysIn(bytes(0x10, 7), bytes(0x10, 2))).isEmpty();
  }

  @Test
  void visitorStopsTheScan() {
    WriteBatch batch = new WriteBatch();
    for (int i = 0; i < 10; i++) {
      batch.put(bytes(i), bytes(i));
    }
    store.write(batch, true);
    AtomicInteger visits = new AtomicInteger();
    store.scan(bytes(), bytes(0xFF), (key, value) -> visits.incrementAndGet() < 3);
    assertThat(visits).hasValue(3);
  }

  @Test
  void emptyBatchIsAccepted() {
    store.write(new WriteBatch(), true);
    assertThat(keysIn(bytes(), bytes(0xFF))).isEmpty();
  }

  @Test
  void largeValuesRoundTrip() {
    byte[] large = new byte[1 << 20];
    new Random(7).nextBytes(large);
    store.write(new WriteBatch().put(bytes(1), large).put(bytes(2), large), true);
    assertThat(store.get(bytes(1))).hasValueSatisfying(v -> assertThat(v).isEqualTo(large));
    List<byte[]> values = new ArrayList<>();
    store.scan(bytes(), bytes(3), (key, value) -> values.add(value));
    assertThat(values).hasSize(2).allSatisfy(v -> assertThat(v).isEqualTo(large));
  }

  @Test
  void scansNeverSeeHalfABatch() throws Exception {
    // Every batch writes the same counter under two keys; a scan that saw one half would see
    // two different counters.
    int batches = 2_000;
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch readerStarted = new CountDownLatch(1);
    ExecutorService readerThread = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Integer> reader =
          CompletableFuture.supplyAsync(
              () -> {
                int observations = 0;
                // Scans race the writer; one more scan after the last batch means at least one
                // observation however the threads were scheduled (an in-memory writer can finish
                // all its batches before the reader's first non-empty scan).
                boolean last = false;
                while (!last) {
                  last = done.get();
                  readerStarted.countDown();
                  List<byte[]> values = new ArrayList<>();
                  store.scan(bytes(0), bytes(3), (key, value) -> values.add(value));
                  if (!values.isEmpty()) {
                    assertThat(values).hasSize(2);
                    assertThat(values.get(0)).isEqualTo(values.get(1));
                    observations++;
                  }
                }
                return observations;
              },
              readerThread);
      assertThat(readerStarted.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < batches; i++) {
        byte[] counter = ByteBuffer.allocate(4).putInt(i).array();
        store.write(new WriteBatch().put(bytes(1), counter).put(bytes(2), counter), false);
      }
      done.set(true);
      assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
    } finally {
      readerThread.shutdownNow();
    }
  }

  @Test
  void visitorMayReadAndWriteTheStore() {
    store.write(new WriteBatch().put(bytes(1), bytes(1)).put(bytes(2), bytes(2)), true);
    List<byte[]> seen = new ArrayList<>();
    store.scan(
        bytes(),
        bytes(3),
        (key, value) -> {
          store.write(new WriteBatch().put(bytes(2, 0), bytes(9)), false);
          assertThat(store.get(key)).isPresent();
          return seen.add(key);
        });
    // The scan's view was fixed when it started.
    assertThat(seen).containsExactly(bytes(1), bytes(2));
    assertThat(store.get(bytes(2, 0))).isPresent();
  }

  @Test
  void closedStoreRefusesOperations() {
    store.close();
    store.close();
    assertThatThrownBy(() -> store.get(bytes(1))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.write(new WriteBatch().put(bytes(1), bytes(1)), true))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.scan(bytes(), bytes(1), (k, v) -> true))
        .isInstanceOf(IllegalStateException.class);
  }
}
