package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.Auditor;
import dev.swarmledger.client.audit.CheckpointMemory;
import dev.swarmledger.client.audit.VerificationFailure;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm audit}: verify the log, replay it, and compare every balance and best. */
@Command(
    name = "audit",
    description =
        "Download the whole log, check every signature and proof, replay the rules and compare every balance and best with the node.")
final class AuditCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

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
    LedgerClient client = node.client();
    CheckpointMemory memory =
        state != null ? new CheckpointMemory(state) : CheckpointMemory.forNode(node.node);
    String served = client.verifierKey();
    String trusted = logKey != null ? logKey : memory.pinnedKey().orElse(served);
    if (!trusted.equals(served)) {
      System.out.println(
          "FAIL: the node's log key " + served + " is not the trusted key " + trusted);
      return 1;
    }
    NoteVerifierKey key = NoteVerifierKey.parse(trusted);
    try {
      Auditor.Report r =
          new Auditor(client, key)
              .audit(memory.checkpoints(key), line -> System.out.println("  " + line));
      memory.pinKey(trusted);
      memory.remember(r.checkpoint(), r.note());
      System.out.println(
          "OK: audit passed at size " + r.checkpoint().size() + "; state root " + r.stateRoot());
      return 0;
    } catch (VerificationFailure e) {
      System.out.println("FAIL: " + e.getMessage());
      return 1;
    }
  }
}
