package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.snapshot.SnapshotPolicy;
import dev.swarmledger.node.witness.WitnessEndpoint;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm node}: runs a ledger node until interrupted. */
@Command(name = "node", description = "Run a ledger node (creates the genesis on first start).")
final class NodeCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      description = "Data folder (RocksDB log and the operator key).")
  Path data;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8080",
      description = "host:port to serve (default ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--operator-key",
      description = "Operator key file (default DATA/operator.key, created if missing).")
  Path operatorKey;

  @Option(
      names = "--origin",
      defaultValue = NodeConfig.DEFAULT_ORIGIN,
      description = "Checkpoint origin of a new log (default ${DEFAULT-VALUE}).")
  String origin;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "1048576",
      description = "Request body limit (default ${DEFAULT-VALUE}).")
  int maxBody;

  @Option(
      names = "--max-blob-bytes",
      defaultValue = "268435456",
      description =
          "Largest blob (model weights, job outputs) an upload may store (default ${DEFAULT-VALUE}).")
  long maxBlob;

  @Option(
      names = "--witness",
      description =
          "A witness to cosign each checkpoint, URL=VKEY (its submission prefix, or just"
              + " http://host:port for a swarm witness, and its verifier key); repeatable.")
  List<String> witnesses = new ArrayList<>();

  @Option(
      names = "--snapshot-every",
      defaultValue = "20000",
      description =
          "Write a state snapshot every N leaves (and every 10 minutes with new leaves) under"
              + " DATA/snapshots; 0 turns snapshots off (default ${DEFAULT-VALUE}).")
  long snapshotEvery;

  @Override
  public Integer call() throws InterruptedException {
    HostPort hp = HostPort.parse(listen);
    SigningKey key =
        KeyFiles.readOrCreate(operatorKey != null ? operatorKey : data.resolve("operator.key"));
    NodeConfig base =
        NodeConfig.of(Optional.of(data), hp.host(), hp.port(), key).withMaxBodyBytes(maxBody);
    NodeConfig config =
        new NodeConfig(
                base.dataDir(),
                base.host(),
                base.port(),
                key,
                origin,
                base.policy(),
                base.maxBodyBytes(),
                base.maxBatch(),
                base.maxQueue(),
                base.clock())
            .withMaxBlobBytes(maxBlob)
            .withWitnesses(witnesses.stream().map(WitnessEndpoint::parse).toList())
            .withSnapshots(
                snapshotEvery > 0
                    ? SnapshotPolicy.every(snapshotEvery)
                    : SnapshotPolicy.disabled());
    LedgerNode node = LedgerNode.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    System.out.println("node listening on " + node.url());
    System.out.println("log verifier key " + node.verifierKey().encode());
    System.out.println("operator account " + key.publicKey().hex());
    System.out.println("log size " + node.log().size());
    if (node.log().restoredFrom() > 0) {
      System.out.println("restarted from the state snapshot at " + node.log().restoredFrom());
    }
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** A parsed {@code host:port}. */
  record HostPort(String host, int port) {
    static HostPort parse(String s) {
      int colon = s.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--listen must be host:port, got " + s);
      }
      String host = s.substring(0, colon).replaceAll("^\\[|\\]$", "");
      return new HostPort(host, Integer.parseInt(s.substring(colon + 1)));
    }
  }
}
