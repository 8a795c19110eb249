package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.CheckpointMemory;
import dev.swarmledger.client.audit.LogVerifier;
import dev.swarmledger.client.audit.VerificationFailure;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
    @Option(names = "--node", required = true, description = "Node URL.")
    String node;

    @Option(
        names = "--log-key",
        description = "The log's verifier key (default: pinned on first use).")
    String logKey;

    @Option(
        names = "--state",
        description = "Folder remembering checkpoints (default ~/.swarmledger/logs/<url hash>).")
    Path state;

    @Override
    public Integer call() {
      LedgerClient client = new LedgerClient(node);
      CheckpointMemory memory =
          state != null ? new CheckpointMemory(state) : CheckpointMemory.forNode(node);
      String served = client.verifierKey();
      String trusted = logKey != null ? logKey : memory.pinnedKey().orElse(served);
      if (!trusted.equals(served)) {
        System.out.println(
            "FAIL: the node's log key " + served + " is not the trusted key " + trusted);
        return 1;
      }
      NoteVerifierKey key = NoteVerifierKey.parse(trusted);
      try {
        LogVerifier.Report r =
            new LogVerifier(client, key)
                .verify(
                    memory.checkpoints(key), leaf -> {}, line -> System.out.println("  " + line));
        memory.pinKey(trusted);
        memory.remember(r.checkpoint(), r.note());
        System.out.println(
            "OK: log " + r.checkpoint().origin() + " verified at size " + r.checkpoint().size());
        return 0;
      } catch (VerificationFailure e) {
        System.out.println("FAIL: " + e.getMessage());
        return 1;
      }
    }
  }
}
