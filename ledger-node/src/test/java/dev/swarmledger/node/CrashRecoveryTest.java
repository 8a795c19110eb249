package dev.swarmledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.LogVerifier;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while eight clients stream registrations: every acknowledged transaction survives at its
 * acknowledged index with the same leaf hash, and the restarted log is consistent with what was
 * signed before the crash. Snapshots are on: the restart begins from one and replays the tail.
 */
class CrashRecoveryTest {
  private static final SigningKey OPERATOR = TestTransactions.key(7);
  private static final int CLIENTS = 8;
  private static final int ACKS_BEFORE_KILL = 300;
  // Snapshots on, written several times before the kill, so the restart starts from one.
  private static final long SNAPSHOT_EVERY = 64;

  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  /** Counts acks; waiters block until the count reaches 50 × their step. */
  static final class AckCounter {
    private long count;

    synchronized void increment() {
      count++;
      notifyAll();
    }

    synchronized boolean await(int step, long timeout, TimeUnit unit) throws InterruptedException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      while (count < 50L * step) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  /** A transaction the node acknowledged. */
  record Ack(long index, String leafHash, String name, String account) {}

  /** A running child node and its URL. */
  record Child(Process process, String url) {}

  private Child startChild() throws IOException, InterruptedException {
    return startChild(new AtomicLong(-1));
  }

  /** Starts a child that snapshots every {@link #SNAPSHOT_EVERY} leaves; tells where it began. */
  private Child startChild(AtomicLong restoredFrom) throws IOException, InterruptedException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            javaBin,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ChildNodeMain.class.getName(),
            dir.resolve("node").toString(),
            HexFormat.of().formatHex(OPERATOR.seed()),
            Long.toString(SNAPSHOT_EVERY));
    pb.redirectError(dir.resolve("child-" + children.size() + ".err").toFile());
    Process p = pb.start();
    children.add(p);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    AtomicReference<String> url = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(ChildNodeMain.RESTORED)) {
                    restoredFrom.set(
                        Long.parseLong(line.substring(ChildNodeMain.RESTORED.length()).strip()));
                  }
                  if (line.startsWith(ChildNodeMain.READY) && url.get() == null) {
                    url.set(line.substring(ChildNodeMain.READY.length()).strip());
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the child died; the latch times out or the test already has its URL
              }
            },
            "child-stdout");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "child node did not start; stderr: "
              + java.nio.file.Files.readString(
                  dir.resolve("child-" + (children.size() - 1) + ".err")));
    }
    return new Child(p, url.get());
  }

  @AfterEach
  void stopChildren() throws InterruptedException {
    for (Process p : children) {
      if (p.isAlive()) {
        // The data lives in a temporary folder: no need for a clean shutdown.
        p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void acknowledgedTransactionsSurviveKill9() throws Exception {
    Child first = startChild();
    NodeHttp http = new NodeHttp(first.url());
    String logKey = http.get("/v1/log/key").text().strip();
    NoteVerifierKey key = NoteVerifierKey.parse(logKey);

    Map<Long, Ack> acks = new ConcurrentHashMap<>();
    List<String> duplicates = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> lastCheckpoint = new AtomicReference<>();
    AckCounter ackedEnough = new AckCounter();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      Thread t =
          new Thread(
              () -> {
                NodeHttp mine = new NodeHttp(first.url());
                for (int i = 0; !stop.get(); i++) {
                  SigningKey k = TestTransactions.freshKey();
                  String name = "c" + client + "-" + i;
                  NodeHttp.Reply r;
                  try {
                    r =
                        mine.sendChecked(
                            "POST",
                            "/v1/tx",
                            TestTransactions.register(k, name),
                            "application/json");
                  } catch (IOException e) {
                    return; // the node is gone
                  }
                  if (r.status() != 200) {
                    synchronized (duplicates) {
                      duplicates.add("unexpected " + r.status() + ": " + r.text());
                    }
                    return;
                  }
                  JsonNode j = r.json();
                  Ack ack =
                      new Ack(
                          j.get("index").asLong(),
                          j.get("leaf_hash").asText(),
                          name,
                          k.publicKey().hex());
                  ackedEnough.increment();
                  if (acks.putIfAbsent(ack.index(), ack) != null) {
                    synchronized (duplicates) {
                      duplicates.add("index " + ack.index() + " acknowledged twice");
                    }
                  }
                }
              },
              "client-" + c);
      t.start();
      clients.add(t);
    }

    // Wait (with a deadline) until enough acks, fetching a checkpoint whenever 50 more arrived.
    for (int step = 1; step <= ACKS_BEFORE_KILL / 50; step++) {
      if (!ackedEnough.await(step, 60, TimeUnit.SECONDS)) {
        break;
      }
      lastCheckpoint.set(http.checkpoint());
    }
    assertThat(acks.size()).as("acks before the deadline").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    lastCheckpoint.set(http.checkpoint());
    String preCrashNote = lastCheckpoint.get();

    // kill -9 while the clients are still sending.
    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    for (Thread t : clients) {
      t.join(30_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(duplicates).isEmpty();
    Map<Long, Ack> acked = Map.copyOf(acks);
    Checkpoint preCrash = new CheckpointVerifier(key).verify(preCrashNote);

    AtomicLong restoredFrom = new AtomicLong(-1);
    Child second = startChild(restoredFrom);
    assertThat(restoredFrom.get()).as("restarted from a snapshot").isPositive();
    NodeHttp after = new NodeHttp(second.url());
    assertThat(after.get("/v1/log/key").text().strip()).isEqualTo(logKey);
    Checkpoint now = new CheckpointVerifier(key).verify(after.checkpoint());
    long maxAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(now.size()).isGreaterThan(maxAcked).isGreaterThanOrEqualTo(preCrash.size());
    // At most the in-flight requests (one per client) may have been stored without an ack.
    assertThat(now.size() - 1 - acked.size()).isBetween(0L, (long) CLIENTS);

    // Every leaf: well-formed, at its own index; every acked one is the very leaf acknowledged.
    List<byte[]> leaves = new ArrayList<>();
    while (leaves.size() < now.size()) {
      JsonNode page =
          after.get("/v1/log/entries?start=" + leaves.size() + "&end=" + now.size()).json();
      assertThat(page.get("entries")).isNotEmpty();
      for (JsonNode e : page.get("entries")) {
        assertThat(e.get("index").asLong()).isEqualTo(leaves.size());
        leaves.add(Base64.getDecoder().decode(e.get("leaf").asText()));
      }
    }
    for (int i = 0; i < leaves.size(); i++) {
      Leaf leaf = LeafCodec.decode(leaves.get(i));
      assertThat(leaf.index()).isEqualTo(i);
      assertThat(leaf.tx().signatureValid()).isTrue();
    }
    for (Ack ack : acked.values()) {
      byte[] bytes = leaves.get((int) ack.index());
      assertThat(MerkleHash.leaf(bytes).hex())
          .as("leaf hash at acked index %d", ack.index())
          .isEqualTo(ack.leafHash());
      Leaf leaf = LeafCodec.decode(bytes);
      assertThat(leaf.tx().account().hex()).isEqualTo(ack.account());
      assertThat(((AccountRegister) leaf.tx().body()).name()).isEqualTo(ack.name());
    }

    // The restarted log extends what was signed before the crash.
    LedgerClient client = new LedgerClient(second.url());
    if (preCrash.size() < now.size()) {
      ConsistencyProof proof = client.consistency(preCrash.size(), now.size());
      assertThat(proof.verify(preCrash.root(), now.root())).isTrue();
    } else {
      assertThat(now.root()).isEqualTo(preCrash.root());
    }
    Hash recomputed =
        dev.swarmledger.protocol.merkle.MerkleProofs.root(treeOf(leaves), leaves.size());
    assertThat(recomputed).isEqualTo(now.root());

    // The node keeps working: a new registration lands right after the recovered log.
    SigningKey late = TestTransactions.freshKey();
    NodeHttp.Reply r = after.postJson("/v1/tx", TestTransactions.register(late, "after-the-crash"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("index").asLong()).isEqualTo(now.size());

    // And an outside auditor, remembering the pre-crash checkpoint, accepts the log.
    LogVerifier.Report report =
        new LogVerifier(client, key).verify(List.of(preCrash), leaf -> {}, line -> {});
    assertThat(report.leaves()).isEqualTo(now.size() + 1);
    assertThat(report.consistencyProofs()).isEqualTo(1);
  }

  private static dev.swarmledger.protocol.merkle.MemoryTreeNodes treeOf(List<byte[]> leaves) {
    dev.swarmledger.protocol.merkle.MemoryTreeNodes tree =
        new dev.swarmledger.protocol.merkle.MemoryTreeNodes();
    leaves.forEach(l -> tree.append(MerkleHash.leaf(l)));
    return tree;
  }
}
