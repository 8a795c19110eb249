package dev.swarmledger.cli;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.CheckpointMemory;
import dev.swarmledger.client.audit.VerificationFailure;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CosignerKey;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.checkpoint.WitnessQuorum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What an auditor trusts about a log: its verifier key (given, or pinned on first use) and the
 * checkpoints it verified before (remembered on disk). Shared by {@code log verify} and {@code
 * audit}.
 */
final class LogTrust {
  /** A check of the log under the trusted key, given the checkpoints seen before. */
  @FunctionalInterface
  interface Check {
    Verified run(NoteVerifierKey key, List<Checkpoint> seenBefore) throws VerificationFailure;
  }

  /** A passed check: the checkpoint it verified and what to tell the user. */
  record Verified(Checkpoint checkpoint, String note, String message) {}

  @Option(
      names = "--log-key",
      description = "The log's verifier key (default: pinned on first use).")
  String logKey;

  @Option(
      names = "--state",
      description = "Folder remembering checkpoints (default ~/.swarmledger/logs/<url hash>).")
  Path state;

  @Option(
      names = "--witness",
      description =
          "A witness's cosignature verifier key (name+keyid+base64); repeatable. The checkpoint"
              + " must carry --quorum of their cosignatures.")
  List<String> witnesses = new ArrayList<>();

  @Option(
      names = "--json",
      description =
          "Machine-readable output: one object {\"ok\", \"size\", \"root\", \"message\"} instead"
              + " of the progress lines.")
  boolean json;

  @Option(
      names = "--quorum",
      description = "How many distinct --witness keys must have cosigned (default: all of them).")
  Integer quorum;

  /** The witness policy the options ask for, if any. */
  Optional<WitnessQuorum> witnessQuorum() {
    if (witnesses.isEmpty()) {
      if (quorum != null) {
        throw new IllegalArgumentException("--quorum needs at least one --witness key");
      }
      return Optional.empty();
    }
    List<CosignerKey> keys = witnesses.stream().map(CosignerKey::parse).toList();
    int k =
        quorum != null
            ? quorum
            : (int) keys.stream().map(CosignerKey::publicKey).distinct().count();
    return Optional.of(new WitnessQuorum(keys, k));
  }

  /**
   * Runs {@code check}; on success pins the key and remembers the checkpoint. Returns the exit
   * code.
   */
  int verify(LedgerClient client, String nodeUrl, Check check) {
    CheckpointMemory memory =
        state != null ? new CheckpointMemory(state) : CheckpointMemory.forNode(nodeUrl);
    String served = client.verifierKey();
    String trusted = logKey != null ? logKey : memory.pinnedKey().orElse(served);
    if (!trusted.equals(served)) {
      return failed("the node's log key " + served + " is not the trusted key " + trusted);
    }
    NoteVerifierKey key = NoteVerifierKey.parse(trusted);
    Optional<WitnessQuorum> witnessed = witnessQuorum();
    try {
      Verified v = check.run(key, memory.checkpoints(key));
      if (witnessed.isPresent()) {
        try {
          witnessed.get().check(v.note());
        } catch (IllegalArgumentException e) {
          throw new VerificationFailure(e.getMessage());
        }
        progress(
            "cosigned by "
                + witnessed.get().cosigners(SignedNote.parse(v.note())).size()
                + " of the configured witnesses (quorum "
                + witnessed.get().k()
                + ")");
      }
      memory.pinKey(trusted);
      memory.remember(v.checkpoint(), v.note());
      if (json) {
        Json.print(
            Json.object()
                .put("ok", true)
                .put("size", v.checkpoint().size())
                .put("root", v.checkpoint().root().hex())
                .put("message", v.message()));
      } else {
        System.out.println("OK: " + v.message());
      }
      return ExitCodes.OK;
    } catch (VerificationFailure e) {
      return failed(e.getMessage());
    }
  }

  /** A progress line of the check (left out of {@code --json} output). */
  void progress(String line) {
    if (!json) {
      System.out.println("  " + line);
    }
  }

  private int failed(String message) {
    if (json) {
      Json.print(Json.object().put("ok", false).put("message", message));
    } else {
      System.out.println("FAIL: " + message);
    }
    return ExitCodes.FAILED;
  }
}
