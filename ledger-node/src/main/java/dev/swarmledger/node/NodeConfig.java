package dev.swarmledger.node;

import dev.swarmledger.node.snapshot.SnapshotPolicy;
import dev.swarmledger.node.witness.WitnessEndpoint;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * How to run a node.
 *
 * @param dataDir where RocksDB keeps the log; empty runs in memory (tests)
 * @param origin the checkpoint origin line and note key name of this log
 * @param maxBlobBytes the largest blob {@code PUT /v1/blobs/{sha256}} accepts (kept on disk under
 *     {@code dataDir/blobs}, or in memory without a data folder)
 * @param witnesses the witnesses each new checkpoint is submitted to for cosigning (none: the node
 *     serves its checkpoints uncosigned)
 * @param snapshots when to write state snapshots under {@code dataDir/snapshots} (a node without a
 *     data folder writes none)
 */
public record NodeConfig(
    Optional<Path> dataDir,
    String host,
    int port,
    SigningKey operatorKey,
    String origin,
    Policy policy,
    int maxBodyBytes,
    int maxBatch,
    int maxQueue,
    Clock clock,
    long maxBlobBytes,
    List<WitnessEndpoint> witnesses,
    SnapshotPolicy snapshots) {

  public static final String DEFAULT_ORIGIN = "swarmledger.local/log";
  public static final long DEFAULT_MAX_BLOB_BYTES = 256L << 20;

  public NodeConfig {
    if (maxBlobBytes < 0) {
      throw new IllegalArgumentException("maxBlobBytes must not be negative");
    }
    witnesses = List.copyOf(witnesses);
  }

  /** A configuration without witnesses (what callers written before witnesses use). */
  public NodeConfig(
      Optional<Path> dataDir,
      String host,
      int port,
      SigningKey operatorKey,
      String origin,
      Policy policy,
      int maxBodyBytes,
      int maxBatch,
      int maxQueue,
      Clock clock,
      long maxBlobBytes) {
    this(
        dataDir,
        host,
        port,
        operatorKey,
        origin,
        policy,
        maxBodyBytes,
        maxBatch,
        maxQueue,
        clock,
        maxBlobBytes,
        List.of(),
        SnapshotPolicy.defaults());
  }

  /** A configuration with the default blob limit (what callers written before blobs use). */
  public NodeConfig(
      Optional<Path> dataDir,
      String host,
      int port,
      SigningKey operatorKey,
      String origin,
      Policy policy,
      int maxBodyBytes,
      int maxBatch,
      int maxQueue,
      Clock clock) {
    this(
        dataDir,
        host,
        port,
        operatorKey,
        origin,
        policy,
        maxBodyBytes,
        maxBatch,
        maxQueue,
        clock,
        DEFAULT_MAX_BLOB_BYTES);
  }

  public static NodeConfig of(
      Optional<Path> dataDir, String host, int port, SigningKey operatorKey) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        operatorKey,
        DEFAULT_ORIGIN,
        Policy.defaults(),
        1 << 20,
        1024,
        65536,
        Clock.systemUTC(),
        DEFAULT_MAX_BLOB_BYTES);
  }

  public NodeConfig withClock(Clock c) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        operatorKey,
        origin,
        policy,
        maxBodyBytes,
        maxBatch,
        maxQueue,
        c,
        maxBlobBytes,
        witnesses,
        snapshots);
  }

  public NodeConfig withMaxBodyBytes(int n) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        operatorKey,
        origin,
        policy,
        n,
        maxBatch,
        maxQueue,
        clock,
        maxBlobBytes,
        witnesses,
        snapshots);
  }

  public NodeConfig withMaxBlobBytes(long n) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        operatorKey,
        origin,
        policy,
        maxBodyBytes,
        maxBatch,
        maxQueue,
        clock,
        n,
        witnesses,
        snapshots);
  }

  public NodeConfig withWitnesses(List<WitnessEndpoint> w) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        operatorKey,
        origin,
        policy,
        maxBodyBytes,
        maxBatch,
        maxQueue,
        clock,
        maxBlobBytes,
        w,
        snapshots);
  }

  public NodeConfig withSnapshots(SnapshotPolicy p) {
    return new NodeConfig(
        dataDir,
        host,
        port,
        operatorKey,
        origin,
        policy,
        maxBodyBytes,
        maxBatch,
        maxQueue,
        clock,
        maxBlobBytes,
        witnesses,
        p);
  }
}
