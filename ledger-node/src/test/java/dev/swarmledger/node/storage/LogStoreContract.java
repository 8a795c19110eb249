package dev.swarmledger.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link LogStore} must do over every engine; one subclass per engine. */
abstract class LogStoreContract {
  private KeyValueStore kv;
  private LogStore log;

  /** A new, empty engine. */
  protected abstract KeyValueStore openEmpty();

  /**
   * The same data as {@code kv} seen by a fresh process: a durable engine closes and reopens it, a
   * volatile one returns it unchanged.
   */
  protected abstract KeyValueStore reopen(KeyValueStore kv);

  @BeforeEach
  void open() {
    kv = openEmpty();
    log = new LogStore(kv);
  }

  @AfterEach
  void closeStore() {
    kv.close();
  }

  static byte[] leafBytes(long index) {
    return ("{\"index\":" + index + ",\"tx\":\"" + "x".repeat((int) (index % 7)) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static List<byte[]> leafRange(long first, int count) {
    List<byte[]> leaves = new ArrayList<>();
    for (long i = first; i < first + count; i++) {
      leaves.add(leafBytes(i));
    }
    return leaves;
  }

  static byte[] hash(int level, long index) {
    byte[] hash = new byte[NodeWrite.HASH_BYTES];
    Arrays.fill(hash, (byte) (level * 31 + index));
    hash[0] = (byte) level;
    return hash;
  }

  static byte[] checkpoint(long size) {
    return ("example.org/log\n" + size + "\nroot\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Appends {@code count} leaves with their level-0 hashes and every subtree they complete. */
  static void appendWithNodes(LogStore log, int count) {
    long first = log.size();
    long newSize = first + count;
    List<NodeWrite> nodes = new ArrayList<>();
    for (int level = 0; level <= NodeWrite.MAX_LEVEL && (1L << level) <= newSize; level++) {
      for (long index = first >>> level; index < (newSize >>> level); index++) {
        nodes.add(new NodeWrite(level, index, hash(level, index)));
      }
    }
    log.append(first, leafRange(first, count), nodes, checkpoint(newSize));
  }

  @Test
  void emptyLogHasNothing() {
    assertThat(log.size()).isZero();
    assertThat(log.leaf(0)).isEmpty();
    assertThat(log.leaves(0, 10)).isEmpty();
    assertThat(log.node(0, 0)).isEmpty();
    assertThat(log.latestCheckpoint()).isEmpty();
  }

  @Test
  void appendStoresLeavesNodesCheckpointAndSize() {
    appendWithNodes(log, 3);
    appendWithNodes(log, 5);

    assertThat(log.size()).isEqualTo(8);
    for (long i = 0; i < 8; i++) {
      assertThat(log.leaf(i)).contains(leafBytes(i));
      assertThat(log.node(0, i)).contains(hash(0, i));
    }
    assertThat(log.leaf(8)).isEmpty();
    assertThat(log.node(1, 3)).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash(1, 3)));
    assertThat(log.node(2, 1)).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash(2, 1)));
    assertThat(log.node(3, 0)).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash(3, 0)));
    assertThat(log.latestCheckpoint())
        .hasValueSatisfying(c -> assertThat(c).isEqualTo(checkpoint(8)));
  }

  @Test
  void leavesIsARangeCutAtSize() {
    appendWithNodes(log, 10);

    assertThat(log.leaves(0, 10)).containsExactlyElementsOf(leafRange(0, 10));
    assertThat(log.leaves(3, 6)).containsExactlyElementsOf(leafRange(3, 3));
    assertThat(log.leaves(8, 100)).containsExactlyElementsOf(leafRange(8, 2));
    assertThat(log.leaves(4, 4)).isEmpty();
    assertThat(log.leaves(10, 20)).isEmpty();
    assertThat(log.leaves(50, 60)).isEmpty();
    assertThatThrownBy(() -> log.leaves(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.leaves(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.leaf(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void leavesPastThe256thShowBigEndianOrder() {
    // Little-endian or variable-length indices would put leaf 256 before leaf 1 in a scan.
    for (int i = 0; i < 3; i++) {
      appendWithNodes(log, 200);
    }
    assertThat(log.leaves(250, 260)).containsExactlyElementsOf(leafRange(250, 10));
    assertThat(log.leaves(0, 600)).containsExactlyElementsOf(leafRange(0, 600));
  }

  @Test
  void appendRefusesAGapOrAReusedIndex() {
    appendWithNodes(log, 2);

    assertThatThrownBy(() -> log.append(3, leafRange(3, 1), List.of(), checkpoint(4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("3");
    assertThatThrownBy(() -> log.append(1, leafRange(1, 1), List.of(), checkpoint(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.append(0, leafRange(0, 1), List.of(), checkpoint(1)))
        .isInstanceOf(IllegalStateException.class);

    assertThat(log.size()).isEqualTo(2);
    assertThat(log.leaf(1)).hasValueSatisfying(l -> assertThat(l).isEqualTo(leafBytes(1)));
    assertThat(log.latestCheckpoint())
        .hasValueSatisfying(c -> assertThat(c).isEqualTo(checkpoint(2)));
  }

  @Test
  void appendRefusesNodesOutsideTheNewTreeAndWritesNothing() {
    appendWithNodes(log, 3);
    // Size 4 completes (1,1) and (2,0), but not (2,1) nor (0,4).
    for (NodeWrite bad :
        List.of(
            new NodeWrite(0, 4, hash(0, 4)),
            new NodeWrite(2, 1, hash(2, 1)),
            new NodeWrite(3, 0, hash(3, 0)))) {
      assertThatThrownBy(() -> log.append(3, leafRange(3, 1), List.of(bad), checkpoint(4)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(log.size()).isEqualTo(3);
    assertThat(log.leaf(3)).isEmpty();
    assertThat(new LogStore(kv).size()).isEqualTo(3);

    log.append(3, leafRange(3, 1), List.of(new NodeWrite(2, 0, hash(2, 0))), checkpoint(4));
    assertThat(log.node(2, 0)).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash(2, 0)));
  }

  @Test
  void nodeWriteValidatesItself() {
    assertThatThrownBy(() -> new NodeWrite(0, 0, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeWrite(-1, 0, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeWrite(63, 0, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeWrite(0, -1, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] hash = hash(0, 0);
    NodeWrite node = new NodeWrite(0, 0, hash);
    hash[1] = 99;
    node.hash()[2] = 99;
    assertThat(node).isEqualTo(new NodeWrite(0, 0, hash(0, 0)));
  }

  @Test
  void unknownNodesAreEmpty() {
    log.append(0, leafRange(0, 2), List.of(new NodeWrite(0, 0, hash(0, 0))), checkpoint(2));
    assertThat(log.node(0, 0)).isPresent();
    assertThat(log.node(0, 1)).isEmpty();
    assertThat(log.node(1, 0)).isEmpty();
    assertThat(log.node(40, 0)).isEmpty();
    assertThatThrownBy(() -> log.node(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.node(0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendWithoutLeavesReplacesTheCheckpoint() {
    appendWithNodes(log, 2);
    byte[] resigned = "example.org/log\n2\nroot\n— cosigned\n".getBytes(StandardCharsets.UTF_8);
    log.append(2, List.of(), List.of(), resigned);
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.latestCheckpoint()).hasValueSatisfying(c -> assertThat(c).isEqualTo(resigned));
  }

  @Test
  void storedValuesAreCopies() {
    List<byte[]> leaves = leafRange(0, 1);
    byte[] cp = checkpoint(1);
    log.append(0, leaves, List.of(), cp);
    leaves.get(0)[0] = 0;
    cp[0] = 0;
    log.latestCheckpoint().orElseThrow()[1] = 0;
    assertThat(log.leaf(0)).hasValueSatisfying(l -> assertThat(l).isEqualTo(leafBytes(0)));
    assertThat(log.latestCheckpoint())
        .hasValueSatisfying(c -> assertThat(c).isEqualTo(checkpoint(1)));
  }

  @Test
  void largeLeavesRoundTrip() {
    byte[] large = new byte[1 << 20];
    new java.util.Random(3).nextBytes(large);
    log.append(0, List.of(large, leafBytes(1), large), List.of(), checkpoint(3));
    assertThat(log.leaf(2)).hasValueSatisfying(l -> assertThat(l).isEqualTo(large));
    assertThat(log.leaves(0, 3)).hasSize(3).element(0).isEqualTo(large);
  }

  @Test
  void reopenedLogHasTheSameContents() {
    appendWithNodes(log, 5);
    appendWithNodes(log, 300);

    kv = reopen(kv);
    LogStore reopened = new LogStore(kv);

    assertThat(reopened.size()).isEqualTo(305);
    assertThat(reopened.leaves(0, 305)).containsExactlyElementsOf(leafRange(0, 305));
    for (long i = 0; i < 305; i++) {
      assertThat(reopened.node(0, i)).contains(hash(0, i));
    }
    assertThat(reopened.node(8, 0)).hasValueSatisfying(h -> assertThat(h).isEqualTo(hash(8, 0)));
    assertThat(reopened.latestCheckpoint())
        .hasValueSatisfying(c -> assertThat(c).isEqualTo(checkpoint(305)));

    appendWithNodes(reopened, 1);
    assertThatThrownBy(() -> reopened.append(305, leafRange(305, 1), List.of(), checkpoint(306)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reopenedEmptyLogIsEmpty() {
    kv = reopen(kv);
    LogStore reopened = new LogStore(kv);
    assertThat(reopened.size()).isZero();
    assertThat(reopened.latestCheckpoint()).isEmpty();
  }

  @Test
  void readersSeeAConsistentPrefix() throws Exception {
    // A reader that sees size n must find leaf n-1, its level-0 node and a checkpoint for >= n.
    AtomicBoolean done = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger seen =
        new java.util.concurrent.atomic.AtomicInteger();
    CountDownLatch readerStarted = new CountDownLatch(1);
    ExecutorService readerThread = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Integer> reader =
          CompletableFuture.supplyAsync(
              () -> {
                int observations = 0;
                while (!done.get()) {
                  readerStarted.countDown();
                  byte[] cp = log.latestCheckpoint().orElse(checkpoint(0));
                  long n = log.size();
                  if (n > 0) {
                    assertThat(log.leaf(n - 1))
                        .hasValueSatisfying(l -> assertThat(l).isEqualTo(leafBytes(n - 1)));
                    assertThat(log.node(0, n - 1)).isPresent();
                    // The writer may have moved on; the range is cut at the size of that moment.
                    assertThat(log.leaves(n - 1, n + 10)).first().isEqualTo(leafBytes(n - 1));
                    observations++;
                    seen.incrementAndGet();
                  }
                  long checkpointSize =
                      Long.parseLong(new String(cp, StandardCharsets.UTF_8).split("\n")[1]);
                  assertThat(checkpointSize).isLessThanOrEqualTo(log.size());
                }
                return observations;
              },
              readerThread);
      assertThat(readerStarted.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 300; i++) {
        appendWithNodes(log, 1 + i % 4);
      }
      // On a busy machine the writer may finish before the reader is scheduled: let it look at
      // least once (it then checks the final state) before stopping it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (seen.get() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      done.set(true);
      assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
    } finally {
      readerThread.shutdownNow();
    }
  }
}
