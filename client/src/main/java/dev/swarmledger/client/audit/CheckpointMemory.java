package dev.swarmledger.client.audit;

import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An auditor's memory of one log, in a local folder: the pinned verifier key (trust on first use)
 * and every signed checkpoint verified so far, as signed notes, so later runs can demand
 * consistency proofs from them and nobody can edit them unnoticed.
 */
public final class CheckpointMemory {
  private final Path dir;

  public CheckpointMemory(Path dir) {
    this.dir = dir;
  }

  /** The default folder for a node URL: {@code ~/.swarmledger/logs/<hash of the URL>}. */
  public static CheckpointMemory forNode(String url) {
    String id = Hash.sha256(url.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
    return new CheckpointMemory(
        Path.of(System.getProperty("user.home"), ".swarmledger", "logs", id));
  }

  public Optional<String> pinnedKey() {
    Path f = dir.resolve("log.key");
    try {
      return Files.exists(f) ? Optional.of(Files.readString(f).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void pinKey(String vkey) {
    writeAtomically(dir.resolve("log.key"), vkey + "\n");
  }

  /** Every remembered checkpoint that still verifies under {@code key}. */
  public List<Checkpoint> checkpoints(NoteVerifierKey key) {
    List<Checkpoint> out = new ArrayList<>();
    Path f = dir.resolve("checkpoints");
    if (!Files.isDirectory(f)) {
      return out;
    }
    CheckpointVerifier verifier = new CheckpointVerifier(key);
    try (var files = Files.list(f)) {
      for (Path p : files.sorted().toList()) {
        out.add(verifier.verify(Files.readString(p, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "a remembered checkpoint in " + f + " no longer verifies: " + e.getMessage());
    }
    return out;
  }

  public void remember(Checkpoint cp, String note) {
    writeAtomically(
        dir.resolve("checkpoints").resolve(String.format("%020d.note", cp.size())), note);
  }

  private static void writeAtomically(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".tmp", "");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
