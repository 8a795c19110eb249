package dev.swarmledger.bench.ledger;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.snapshot.SnapshotPolicy;
import dev.swarmledger.node.snapshot.SnapshotStore;
import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.NodeWrite;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.merkle.CompactRange;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.InclusionProof;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.TreeNode;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import java.util.stream.IntStream;

/**
 * Proof latency on a large log. The log is built straight through {@link LogStore#append} from
 * real, valid leaves (genesis, then {@code account.register} of fresh keys, signed in parallel),
 * with the Merkle nodes from a {@link CompactRange} and a signed checkpoint per chunk: the bytes a
 * node would have written, without paying the node's serial per-transaction work 10^6 times. A node
 * then opens that data (replaying and re-verifying every leaf, as on any restart), which also
 * proves the built log valid, and serves the proofs.
 */
final class ProofBench {
  private static final int CHUNK = 20_000;

  /** Latency and storage reads of one kind of proof, on one path (in-process or HTTP). */
  record Figures(
      String kind,
      String path,
      Latencies.Summary latency,
      double readsMean,
      long readsMax,
      int pathMean,
      Map<String, Double> cpu) {}

  /**
   * Node restarts measured after the proofs: from a snapshot at the log's end, and from that
   * snapshot plus {@code tail} leaves appended after it.
   */
  record Restarts(
      double snapshotWriteSeconds,
      long snapshotBytes,
      double atEndSeconds,
      long tail,
      double withTailSeconds,
      long restoredFrom) {}

  record Result(
      long size,
      double buildSeconds,
      double openSeconds,
      long diskBytes,
      List<Figures> figures,
      Restarts restarts) {}

  /**
   * Leaves appended after the snapshot for the second restart: the default snapshot interval, so
   * the worst case of a node that snapshots by the default policy.
   */
  static final int TAIL = (int) SnapshotPolicy.DEFAULT_EVERY_LEAVES;

  private final Path dir;
  private final SigningKey operator;
  private final int samples;
  private final int httpSamples;

  ProofBench(Path dir, SigningKey operator, int samples, int httpSamples) {
    this.dir = dir;
    this.operator = operator;
    this.samples = samples;
    this.httpSamples = httpSamples;
  }

  Result run(long size) {
    long t0 = System.nanoTime();
    build(size);
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf(
        "  built %,d leaves in %.1f s; opening a node on them (replays every leaf)%n",
        size, buildSeconds);
    long t1 = System.nanoTime();
    NodeConfig config = NodeConfig.of(Optional.of(dir), "127.0.0.1", 0, operator);
    try (InstrumentedNode node = InstrumentedNode.start(config)) {
      double openSeconds = (System.nanoTime() - t1) / 1e9;
      System.err.printf("  node open took %.1f s%n", openSeconds);
      LedgerLog log = node.log();
      if (log.size() != size) {
        throw new IllegalStateException("node sees " + log.size() + " leaves, expected " + size);
      }
      checkProofs(log, new LedgerClient(node.url(), 1), size);
      List<Figures> figures = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(99);
      LongUnaryOperator anyIndex = n -> random.nextLong(n);
      LongUnaryOperator anyFrom = n -> 1 + random.nextLong(n - 1);
      figures.add(
          inProcess(
              "inclusion", node, i -> log.inclusionProof(i, size).path().size(), anyIndex, size));
      figures.add(
          inProcess(
              "consistency",
              node,
              m -> log.consistencyProof(m, size).path().size(),
              anyFrom,
              size));
      LedgerClient http = new LedgerClient(node.url(), 1);
      figures.add(
          overHttp("inclusion", node, i -> http.inclusion(i, size).path().size(), anyIndex, size));
      figures.add(
          overHttp(
              "consistency", node, m -> http.consistency(m, size).path().size(), anyFrom, size));
      long w0 = System.nanoTime();
      long at = node.snapshotter().snapshot();
      double writeSeconds = (System.nanoTime() - w0) / 1e9;
      System.err.printf("  snapshot at %,d leaves written in %.1f s%n", at, writeSeconds);
      node.close();
      Restarts restarts = restarts(config, size, writeSeconds);
      return new Result(size, buildSeconds, openSeconds, diskBytes(), figures, restarts);
    }
  }

  /** Restart times with the snapshot just written: with no tail, then with {@link #TAIL} leaves. */
  private Restarts restarts(NodeConfig config, long size, double writeSeconds) {
    long bytes = fileBytes(config, size);
    NodeConfig noNewSnapshots = config.withSnapshots(SnapshotPolicy.disabled());
    long t0 = System.nanoTime();
    try (InstrumentedNode node = InstrumentedNode.start(noNewSnapshots)) {
      double atEnd = (System.nanoTime() - t0) / 1e9;
      requireRestored(node, size);
      System.err.printf("  restart from the snapshot at the log's end: %.2f s%n", atEnd);
      Tx[] tail = SignedTxs.registrations("tail", TAIL, 17);
      List<java.util.concurrent.CompletableFuture<?>> acks = new ArrayList<>();
      for (Tx tx : tail) {
        acks.add(node.sequencer().submit(tx));
        if (acks.size() == 4096) {
          acks.forEach(java.util.concurrent.CompletableFuture::join);
          acks.clear();
        }
      }
      acks.forEach(java.util.concurrent.CompletableFuture::join);
      node.close();
      long t1 = System.nanoTime();
      try (InstrumentedNode again = InstrumentedNode.start(noNewSnapshots)) {
        double withTail = (System.nanoTime() - t1) / 1e9;
        requireRestored(again, size);
        if (again.log().size() != size + TAIL) {
          throw new IllegalStateException("tail not stored: " + again.log().size());
        }
        System.err.printf("  restart from the snapshot plus %,d leaves: %.2f s%n", TAIL, withTail);
        return new Restarts(writeSeconds, bytes, atEnd, TAIL, withTail, size);
      }
    }
  }

  private static void requireRestored(InstrumentedNode node, long size) {
    if (node.log().restoredFrom() != size) {
      throw new IllegalStateException(
          "the node restarted from " + node.log().restoredFrom() + ", not the snapshot at " + size);
    }
  }

  private static long fileBytes(NodeConfig config, long size) {
    Path f =
        new SnapshotStore(
                config.dataDir().orElseThrow().resolve("snapshots"),
                config.origin(),
                new CheckpointSigner(config.origin(), config.operatorKey()).verifierKey())
            .file(size);
    return f.toFile().length();
  }

  /** Writes genesis plus {@code size - 1} registrations, CHUNK leaves per synced append. */
  private void build(long size) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    CheckpointSigner signer = new CheckpointSigner(NodeConfig.DEFAULT_ORIGIN, operator);
    CompactRange range = new CompactRange();
    try (RocksDbKeyValueStore kv = RocksDbKeyValueStore.open(dir.resolve("ledger"))) {
      LogStore store = new LogStore(kv);
      Genesis genesis =
          new Genesis(
              operator.publicKey(),
              NodeConfig.DEFAULT_ORIGIN,
              Policy.defaults(),
              DefaultTracks.all());
      Tx genesisTx = TxCodec.sign(operator, 0, genesis);
      for (long first = 0; first < size; first += CHUNK) {
        int n = (int) Math.min(CHUNK, size - first);
        long base = first;
        byte[][] leaves = new byte[n][];
        Hash[] hashes = new Hash[n];
        IntStream.range(0, n)
            .parallel()
            .forEach(
                k -> {
                  long index = base + k;
                  Tx tx = index == 0 ? genesisTx : SignedTxs.registration("proof", (int) index, 5);
                  leaves[k] = LeafCodec.encode(new Leaf(index, start.plusMillis(index), tx));
                  hashes[k] = MerkleHash.leaf(leaves[k]);
                });
        List<NodeWrite> nodes = new ArrayList<>();
        for (Hash h : hashes) {
          for (TreeNode t : range.append(h)) {
            nodes.add(new NodeWrite(t.level(), t.index(), t.hash().bytes()));
          }
        }
        String note = signer.sign(range.size(), range.root());
        store.append(first, List.of(leaves), nodes, note.getBytes(StandardCharsets.UTF_8));
        if ((first / CHUNK) % 10 == 9) {
          System.err.printf("  ... %,d leaves%n", first + n);
        }
      }
    }
  }

  /** A few proofs of each kind, in-process and over HTTP, checked against the node's own root. */
  private static void checkProofs(LedgerLog log, LedgerClient http, long size) {
    Hash root = log.rootAt(size);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 20; i++) {
      long index = random.nextLong(size);
      Hash leaf = MerkleHash.leaf(log.leaves(index, index + 1).get(0));
      InclusionProof local = log.inclusionProof(index, size);
      InclusionProof remote = http.inclusion(index, size);
      long from = 1 + random.nextLong(size - 1);
      Hash fromRoot = log.rootAt(from);
      ConsistencyProof c1 = log.consistencyProof(from, size);
      ConsistencyProof c2 = http.consistency(from, size);
      if (!local.verify(leaf, root)
          || !remote.verify(leaf, root)
          || !c1.verify(fromRoot, root)
          || !c2.verify(fromRoot, root)) {
        throw new IllegalStateException(
            "a proof at index " + index + " / from " + from + " does not verify");
      }
    }
  }

  private interface Proof {
    int pathLength(long argument);
  }

  private Figures inProcess(
      String kind, InstrumentedNode node, Proof proof, LongUnaryOperator arg, long size) {
    for (int i = 0; i < samples / 5; i++) {
      proof.pathLength(arg.applyAsLong(size));
    }
    Latencies latencies = new Latencies();
    ThreadCpu.Snapshot cpu0 = ThreadCpu.snapshot();
    long w0 = System.nanoTime();
    long readsTotal = 0;
    long readsMax = 0;
    long pathTotal = 0;
    for (int i = 0; i < samples; i++) {
      long a = arg.applyAsLong(size);
      long g0 = node.store().gets();
      long t0 = System.nanoTime();
      pathTotal += proof.pathLength(a);
      latencies.add(System.nanoTime() - t0);
      long reads = node.store().gets() - g0;
      readsTotal += reads;
      readsMax = Math.max(readsMax, reads);
    }
    Map<String, Double> cpu = ThreadCpu.shares(cpu0, ThreadCpu.snapshot(), System.nanoTime() - w0);
    return new Figures(
        kind,
        "in-process (LedgerLog)",
        latencies.summary(),
        readsTotal / (double) samples,
        readsMax,
        (int) Math.round(pathTotal / (double) samples),
        cpu);
  }

  private Figures overHttp(
      String kind, InstrumentedNode node, Proof proof, LongUnaryOperator arg, long size) {
    for (int i = 0; i < httpSamples / 5; i++) {
      proof.pathLength(arg.applyAsLong(size));
    }
    Latencies latencies = new Latencies();
    ThreadCpu.Snapshot cpu0 = ThreadCpu.snapshot();
    long w0 = System.nanoTime();
    long g0 = node.store().gets();
    long pathTotal = 0;
    for (int i = 0; i < httpSamples; i++) {
      long a = arg.applyAsLong(size);
      long t0 = System.nanoTime();
      pathTotal += proof.pathLength(a);
      latencies.add(System.nanoTime() - t0);
    }
    double reads = (node.store().gets() - g0) / (double) httpSamples;
    Map<String, Double> cpu = ThreadCpu.shares(cpu0, ThreadCpu.snapshot(), System.nanoTime() - w0);
    return new Figures(
        kind,
        "HTTP (LedgerClient, 1 client)",
        latencies.summary(),
        reads,
        -1,
        (int) Math.round(pathTotal / (double) httpSamples),
        cpu);
  }

  private long diskBytes() {
    try (var files = java.nio.file.Files.walk(dir)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .mapToLong(p -> p.toFile().length())
          .sum();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
