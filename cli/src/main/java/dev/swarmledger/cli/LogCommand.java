package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.LogVerifier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm log}: checks a node's log from the outside. */
@Command(
    name = "log",
    description = "Inspect and verify a node's log.",
    subcommands = LogCommand.Verify.class)
final class LogCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: swarm log verify --node URL");
  }

  /** {@code swarm log verify}. */
  @Command(
      name = "verify",
      description =
          "Verify the checkpoint signature, every leaf and inclusion proof, and consistency with every checkpoint seen before.")
  static final class Verify implements Callable<Integer> {
    @Option(
        names = "--node",
        defaultValue = "${env:SWARM_NODE:-http://127.0.0.1:8080}",
        description = "Node URL (default: $SWARM_NODE or ${DEFAULT-VALUE}).")
    String node;

    @Mixin LogTrust trust;

    @Override
    public Integer call() {
      LedgerClient client = new LedgerClient(node);
      return trust.verify(
          client,
          node,
          (key, seen) -> {
            LogVerifier.Report r =
                new LogVerifier(client, key).verify(seen, leaf -> {}, trust::progress);
            return new LogTrust.Verified(
                r.checkpoint(),
                r.note(),
                "log " + r.checkpoint().origin() + " verified at size " + r.checkpoint().size());
          });
    }
  }
}
