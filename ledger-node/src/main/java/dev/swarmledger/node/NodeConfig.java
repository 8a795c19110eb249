package dev.swarmledger.node;

import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * How to run a node.
 *
 * @param dataDir where RocksDB keeps the log; empty runs in memory (tests)
 * @param origin the checkpoint origin line and note key name of this log
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
    Clock clock) {

  public static final String DEFAULT_ORIGIN = "swarmledger.local/log";

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
        Clock.systemUTC());
  }

  public NodeConfig withClock(Clock c) {
    return new NodeConfig(
        dataDir, host, port, operatorKey, origin, policy, maxBodyBytes, maxBatch, maxQueue, c);
  }

  public NodeConfig withMaxBodyBytes(int n) {
    return new NodeConfig(
        dataDir, host, port, operatorKey, origin, policy, n, maxBatch, maxQueue, clock);
  }
}
