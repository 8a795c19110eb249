package dev.swarmledger.node;

import dev.swarmledger.node.snapshot.SnapshotPolicy;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A node in its own JVM, for crash tests: {@code ChildNodeMain <data dir> <operator seed hex>
 * [snapshot every N leaves]} starts a RocksDB-backed node on 127.0.0.1 port 0, prints {@code
 * RESTORED_FROM <snapshot size or 0>} and {@code LISTENING <url>} on stdout, and runs until its
 * stdin closes (so it never outlives the test JVM) or it is killed.
 */
public final class ChildNodeMain {
  public static final String READY = "LISTENING ";
  public static final String RESTORED = "RESTORED_FROM ";

  private ChildNodeMain() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    SigningKey key = SigningKey.fromSeed(HexFormat.of().parseHex(args[1]));
    NodeConfig config = NodeConfig.of(Optional.of(dir), "127.0.0.1", 0, key);
    if (args.length > 2) {
      config = config.withSnapshots(SnapshotPolicy.every(Long.parseLong(args[2])));
    }
    LedgerNode node = LedgerNode.start(config);
    System.out.println(RESTORED + node.log().restoredFrom());
    System.out.println(READY + node.url());
    System.out.flush();
    InputStream in = System.in;
    while (in.read() != -1) {
      // wait for the parent to close stdin
    }
    node.close();
  }
}
