package dev.swarmledger.node.snapshot;

import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.storage.StorageException;
import dev.swarmledger.protocol.checkpoint.NoteSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.state.LedgerState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshots of one log in one folder, {@code snapshot-<size>.bin}, signed by the node's key
 * ({@link SnapshotFile}). Each is written atomically (temporary file, fsync, rename, fsync of the
 * folder), so a crash leaves either the whole file or none. On start the newest one that passes
 * every check is used; a torn, altered, foreign or too-new one is skipped with a warning, and with
 * none left the log is replayed from leaf 0: the log always wins.
 */
public final class SnapshotStore {
  private static final Logger LOG = Logger.getLogger(SnapshotStore.class.getName());
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.bin");

  private final Path dir;
  private final String origin;
  private final NoteVerifierKey key;
  private final Optional<NoteSigner> signer;

  /** Snapshots of log {@code origin} that {@code signer} writes and its key verifies. */
  public SnapshotStore(Path dir, String origin, NoteSigner signer) {
    this(dir, origin, signer.verifierKey(), Optional.of(signer));
  }

  /** Read-only: snapshots of log {@code origin} signed by {@code key}. */
  public SnapshotStore(Path dir, String origin, NoteVerifierKey key) {
    this(dir, origin, key, Optional.empty());
  }

  private SnapshotStore(Path dir, String origin, NoteVerifierKey key, Optional<NoteSigner> signer) {
    this.dir = dir;
    this.origin = origin;
    this.key = key;
    this.signer = signer;
  }

  public Path dir() {
    return dir;
  }

  /** The file a snapshot at {@code size} lives in. */
  public Path file(long size) {
    return dir.resolve(String.format("snapshot-%020d.bin", size));
  }

  /** Deletes temporary files a crash left half-written; the snapshots themselves are untouched. */
  public void removeLeftovers() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warning("cannot remove leftover snapshot files in " + dir + ": " + e.getMessage());
    }
  }

  /** Stored snapshot files, newest (largest size) first. */
  public List<Path> files() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      throw new StorageException("cannot list snapshots in " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Writes {@code state} (the log's state at its size, whose Merkle root is {@code treeRoot})
   * durably, then keeps only the newest {@code keep} snapshots.
   */
  public Path write(LedgerState state, Hash treeRoot, int keep) {
    byte[] bytes =
        SnapshotFile.encode(
            signer.orElseThrow(() -> new IllegalStateException("a read-only snapshot store")),
            origin,
            treeRoot,
            state);
    Path target = file(state.size());
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDir();
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the next write truncates it
      }
      throw new StorageException("cannot write snapshot " + target + ": " + e.getMessage());
    }
    prune(keep);
    return target;
  }

  private void prune(int keep) {
    List<Path> all = files();
    for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        LOG.warning("cannot delete old snapshot " + old + ": " + e.getMessage());
      }
    }
  }

  private void syncDir() throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * The newest stored snapshot that belongs to this log: signed by this node's key, its bytes those
   * the signed header names, same origin, no larger than the log ({@code logSize}), and the log's
   * Merkle root at its size equal to the one it recorded. Every one skipped is logged with the
   * reason.
   */
  public Optional<LedgerState> latestValid(long logSize, LongFunction<Hash> rootAt) {
    for (Path p : files()) {
      try {
        return Optional.of(check(p, logSize, rootAt));
      } catch (SnapshotFile.Invalid e) {
        LOG.warning("ignoring snapshot " + p.getFileName() + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Reads {@code p} and checks it against the log; throws why it cannot be used. */
  public LedgerState check(Path p, long logSize, LongFunction<Hash> rootAt)
      throws SnapshotFile.Invalid {
    Matcher m = NAME.matcher(p.getFileName().toString());
    long named = m.matches() ? Long.parseLong(m.group(1)) : -1;
    if (named > logSize) {
      // Cheaper than reading it: the log holds fewer leaves than the snapshot covers.
      throw new SnapshotFile.Invalid("it covers " + named + " leaves but the log holds " + logSize);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new SnapshotFile.Invalid("it is gone");
    } catch (IOException e) {
      throw new SnapshotFile.Invalid("cannot read it: " + e.getMessage());
    }
    SnapshotFile.Read read = SnapshotFile.decode(bytes, key);
    SnapshotFile.Header h = read.header();
    if (!h.origin().equals(origin)) {
      throw new SnapshotFile.Invalid("it is of log " + h.origin() + ", not " + origin);
    }
    if (h.size() != named) {
      throw new SnapshotFile.Invalid("its name says size " + named + ", its header " + h.size());
    }
    if (h.size() < 1 || h.size() > logSize) {
      throw new SnapshotFile.Invalid(
          "it covers " + h.size() + " leaves but the log holds " + logSize);
    }
    Hash root = rootAt.apply(h.size());
    if (!root.equals(h.treeRoot())) {
      throw new SnapshotFile.Invalid(
          "the log's root at size "
              + h.size()
              + " is "
              + root.hex()
              + ", the snapshot recorded "
              + h.treeRoot().hex());
    }
    return read.state();
  }

  /** This store as where a log's restart begins. */
  public LedgerLog.StartingState startingState() {
    return this::latestValid;
  }

  /** The sizes of the stored snapshots, newest first (for status and tests). */
  public List<Long> sizes() {
    List<Long> out = new ArrayList<>();
    for (Path p : files()) {
      Matcher m = NAME.matcher(p.getFileName().toString());
      if (m.matches()) {
        out.add(Long.parseLong(m.group(1)));
      }
    }
    return out;
  }
}
