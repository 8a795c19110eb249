package dev.swarmledger.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: concurrent submissions share durable writes and get contiguous, distinct indices.
 */
class SequencerGroupCommitTest {
  private static final SigningKey OPERATOR = TestTransactions.key(1);
  private static final int THREADS = 8;

  @TempDir Path dir;
  private CountingKeyValueStore kv;
  private LedgerLog log;
  private Sequencer sequencer;
  private final List<List<Appended>> batchesSeen = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void open() {
    kv = new CountingKeyValueStore(RocksDbKeyValueStore.open(dir.resolve("db")));
    CheckpointSigner signer = new CheckpointSigner("test/log", OPERATOR);
    log = LedgerLog.open(new LogStore(kv), signer, Clock.systemUTC());
    Tx genesis =
        TxCodec.sign(
            OPERATOR,
            0,
            new Genesis(OPERATOR.publicKey(), "test/log", Policy.defaults(), java.util.List.of()));
    assertThat(log.append(List.of(genesis)).get(0).appended()).isPresent();
    sequencer = new Sequencer(log, 1024, 65536, batchesSeen::add);
  }

  @AfterEach
  void close() {
    sequencer.close();
    kv.close();
  }

  private static List<Tx> registrations(int n, String prefix) {
    List<Tx> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(TxCodec.sign(TestTransactions.freshKey(), 0, new AccountRegister(prefix + i)));
    }
    return txs;
  }

  /** Submits {@code txs} from {@link #THREADS} threads at once; returns futures in tx order. */
  private List<CompletableFuture<Appended>> submitConcurrently(List<Tx> txs)
      throws InterruptedException {
    List<CompletableFuture<Appended>> futures =
        new ArrayList<>(Collections.nCopies(txs.size(), null));
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    for (int t = 0; t < THREADS; t++) {
      int first = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = first; i < txs.size(); i += THREADS) {
                  futures.set(i, sequencer.submit(txs.get(i)));
                }
              });
      th.start();
      threads.add(th);
    }
    go.countDown();
    for (Thread th : threads) {
      th.join(30_000);
    }
    return futures;
  }

  private void assertContiguousFrom(long first, List<Appended> appended) {
    Set<Long> indices = new TreeSet<>();
    appended.forEach(a -> indices.add(a.index()));
    assertThat(indices).hasSize(appended.size());
    assertThat(indices.iterator().next()).isEqualTo(first);
    assertThat(((TreeSet<Long>) indices).last()).isEqualTo(first + appended.size() - 1);
  }

  /** The stored log matches the leaves, and the checkpoint signs their root. */
  private void assertStoredLogConsistent() {
    long size = log.size();
    MemoryTreeNodes tree = new MemoryTreeNodes();
    List<byte[]> leaves = log.leaves(0, size);
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(LeafCodec.decode(leaves.get(i)).index()).isEqualTo(i);
      tree.append(MerkleHash.leaf(leaves.get(i)));
    }
    Checkpoint cp = new CheckpointVerifier(log.signer().verifierKey()).verify(log.checkpoint());
    assertThat(cp.size()).isEqualTo(size);
    assertThat(cp.root()).isEqualTo(tree.root());
  }

  @Test
  void submissionsQueuedBehindAnFsyncShareTheNextDurableWrite() throws Exception {
    List<Tx> txs = registrations(400, "g");
    CountingKeyValueStore.Gate gate = kv.holdNextSyncedWrite();
    int writesBefore = kv.syncedWrites();
    CompletableFuture<Appended> first = sequencer.submit(txs.get(0));
    gate.awaitEntered(); // the sequencer now sits in the fsync of tx 0
    List<CompletableFuture<Appended>> rest = submitConcurrently(txs.subList(1, txs.size()));
    gate.open();

    List<Appended> appended = new ArrayList<>();
    appended.add(first.get(30, TimeUnit.SECONDS));
    for (CompletableFuture<Appended> f : rest) {
      appended.add(f.get(30, TimeUnit.SECONDS));
    }
    int writes = kv.syncedWrites() - writesBefore;
    assertThat(writes).as("durable writes for %d txs", txs.size()).isLessThan(txs.size());
    // One for tx 0, then the 399 waiting ones fit in one batch of at most 1024.
    assertThat(writes).isEqualTo(2);
    assertContiguousFrom(1, appended);
    for (int i = 0; i < txs.size(); i++) {
      assertThat(appended.get(i).leaf().tx().id()).isEqualTo(txs.get(i).id());
      assertThat(appended.get(i).leafHash())
          .isEqualTo(MerkleHash.leaf(appended.get(i).leafBytes()));
    }
    assertThat(log.size()).isEqualTo(401);
    assertStoredLogConsistent();
  }

  @Test
  void refusalsInsideABatchDoNotDisturbTheirNeighbours() throws Exception {
    List<Tx> txs = new ArrayList<>(registrations(60, "n"));
    // Every fourth is refused: a name already used by an earlier tx of the same batch.
    for (int i = 3; i < txs.size(); i += 4) {
      txs.set(i, TxCodec.sign(TestTransactions.freshKey(), 0, new AccountRegister("n" + (i - 1))));
    }
    CountingKeyValueStore.Gate gate = kv.holdNextSyncedWrite();
    Tx blocker = registrations(1, "blocker").get(0);
    CompletableFuture<Appended> held = sequencer.submit(blocker);
    gate.awaitEntered();
    List<CompletableFuture<Appended>> futures = new ArrayList<>();
    for (Tx tx : txs) {
      futures.add(sequencer.submit(tx)); // in order, so "earlier in the batch" is well defined
    }
    gate.open();
    assertThat(held.get(30, TimeUnit.SECONDS).index()).isEqualTo(1);
    List<Appended> accepted = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      if (i >= 3 && (i - 3) % 4 == 0) {
        CompletableFuture<Appended> f = futures.get(i);
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOfSatisfying(
                Rejection.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.NAME_TAKEN));
      } else {
        accepted.add(futures.get(i).get(30, TimeUnit.SECONDS));
      }
    }
    assertContiguousFrom(2, accepted);
    // Accepted ones keep their submission order in the log.
    for (int i = 1; i < accepted.size(); i++) {
      assertThat(accepted.get(i).index()).isGreaterThan(accepted.get(i - 1).index());
    }
    assertThat(log.size()).isEqualTo(2 + accepted.size());
    assertStoredLogConsistent();
  }

  @Test
  void freeRunningConcurrentSubmittersNeedFewerDurableWritesThanTransactions() throws Exception {
    int perThread = 40;
    List<Tx> txs = registrations(THREADS * perThread, "c");
    int writesBefore = kv.syncedWrites();
    List<Appended> appended = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failures = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int first = t;
      Thread th =
          new Thread(
              () -> {
                // Each client waits for its own ack before sending the next, as a real one does.
                for (int i = first; i < txs.size(); i += THREADS) {
                  try {
                    appended.add(sequencer.submit(txs.get(i)).get(30, TimeUnit.SECONDS));
                  } catch (Exception e) {
                    failures.incrementAndGet();
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join(60_000);
    }
    assertThat(failures.get()).isZero();
    assertThat(appended).hasSize(txs.size());
    int writes = kv.syncedWrites() - writesBefore;
    assertThat(writes)
        .as("durable writes for %d txs from %d threads", txs.size(), THREADS)
        .isLessThan(txs.size());
    assertContiguousFrom(1, appended);
    // The listener saw every leaf once, batch by batch, in log order.
    List<Long> heard = new ArrayList<>();
    batchesSeen.forEach(b -> b.forEach(a -> heard.add(a.index())));
    assertThat(heard).isSorted().hasSize(txs.size()).doesNotHaveDuplicates();
    assertThat(batchesSeen.size()).isEqualTo(writes);
    assertStoredLogConsistent();
  }
}
