package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.mirror.LogSource;
import dev.swarmledger.node.mirror.MirrorNode;
import dev.swarmledger.node.snapshot.SnapshotPolicy;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm mirror}: a read mirror that follows a node's log, verifies every checkpoint, proof
 * and leaf, stores the leaves and serves the read API until interrupted.
 */
@Command(
    name = "mirror",
    description =
        "Run a read mirror: follow a node's log, verify it, store it and serve the read API.")
final class MirrorCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, description = "URL of the node to follow.")
  String from;

  @Option(names = "--data", required = true, description = "Data folder (RocksDB copy of the log).")
  Path data;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8081",
      description = "host:port to serve (default ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--log-key",
      description =
          "The followed log's verifier key (name+id+base64). Default: the key pinned in"
              + " DATA/log.key, or the node's on first start (then pinned).")
  String logKey;

  @Option(
      names = "--poll-ms",
      defaultValue = "1000",
      description = "How often to ask the node for a new checkpoint (default ${DEFAULT-VALUE}).")
  long pollMs;

  @Option(
      names = "--snapshot-every",
      defaultValue = "20000",
      description =
          "Write a state snapshot every N leaves under DATA/snapshots, signed by the mirror's own"
              + " key DATA/mirror.key (created if missing); 0 turns snapshots off (default"
              + " ${DEFAULT-VALUE}).")
  long snapshotEvery;

  @Override
  public Integer call() throws Exception {
    NodeCommand.HostPort hp = NodeCommand.HostPort.parse(listen);
    LedgerClient client = new LedgerClient(from);
    NoteVerifierKey key = pinnedKey(client);
    MirrorNode mirror =
        MirrorNode.start(
            new MirrorNode.Config(
                Optional.of(data),
                hp.host(),
                hp.port(),
                key,
                from,
                Duration.ofMillis(pollMs),
                1 << 20,
                snapshotEvery > 0
                    ? Optional.of(KeyFiles.readOrCreate(data.resolve("mirror.key")))
                    : Optional.empty(),
                snapshotEvery > 0
                    ? SnapshotPolicy.every(snapshotEvery)
                    : SnapshotPolicy.disabled()),
            source(client));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  mirror.close();
                  stopped.countDown();
                }));
    System.out.println("mirror listening on " + mirror.url());
    System.out.println("following " + from + " under log key " + key.encode());
    System.out.println("verified log size " + mirror.log().size());
    System.out.flush();
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      if (mirror.refused().isPresent()) {
        // Keep serving what was verified; say once, loudly, why following stopped.
        System.err.println("mirror stopped following " + from + ": " + mirror.refused().get());
        System.err.println("still serving the verified log of size " + mirror.log().size());
        System.err.flush();
        stopped.await();
      }
    }
    return 0;
  }

  /** The key in DATA/log.key, else the given one, else the node's (trusted on first use). */
  private NoteVerifierKey pinnedKey(LedgerClient client) throws IOException {
    Path file = data.resolve("log.key");
    Optional<String> pinned =
        Files.exists(file)
            ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
            : Optional.empty();
    String key;
    if (pinned.isPresent()) {
      if (logKey != null && !logKey.strip().equals(pinned.get())) {
        throw new IllegalArgumentException(
            "--log-key " + logKey + " is not the key pinned in " + file + ": " + pinned.get());
      }
      key = pinned.get();
    } else {
      key = logKey != null ? logKey.strip() : client.verifierKey().strip();
      if (logKey == null) {
        System.out.println("pinning the node's log key on first use: " + key);
      }
      Files.createDirectories(data);
      Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    }
    return NoteVerifierKey.parse(key);
  }

  /** The followed node's log API, through the client. */
  static LogSource source(LedgerClient client) {
    return new LogSource() {
      @Override
      public String checkpoint() {
        return client.checkpoint();
      }

      @Override
      public List<byte[]> entries(long start, long end) {
        return client.entries(start, end);
      }

      @Override
      public ConsistencyProof consistency(long from, long to) {
        return client.consistency(from, to);
      }
    };
  }
}
