package dev.swarmledger.cli;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every networked command shares: the node URL and, for signed actions, the key. */
final class NodeOptions {
  @Option(
      names = "--node",
      defaultValue = "${env:SWARM_NODE:-http://127.0.0.1:8080}",
      description = "Node URL (default: $SWARM_NODE or ${DEFAULT-VALUE}).")
  String node;

  @Option(
      names = "--key",
      defaultValue = "${env:SWARM_KEY}",
      description = "Your key file (default: $SWARM_KEY).")
  Path key;

  LedgerClient client() {
    return new LedgerClient(node);
  }

  AccountSession session() {
    if (key == null) {
      throw new IllegalArgumentException(
          "this command signs a transaction: give --key FILE (or set SWARM_KEY)");
    }
    return new AccountSession(client(), KeyFiles.read(key));
  }
}
