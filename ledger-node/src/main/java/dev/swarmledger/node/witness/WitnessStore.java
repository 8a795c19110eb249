package dev.swarmledger.node.witness;

import dev.swarmledger.protocol.crypto.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The witness's durable memory: for each log, the latest checkpoint it cosigned (the log's note
 * with the witness's cosignature), one file per log named by the SHA-256 of its origin. A write is
 * a new file fsync'd, then renamed over the old one and the folder fsync'd, so after a crash (kill
 * -9, power loss) the file holds either the old checkpoint or the new one, never a mix.
 */
public final class WitnessStore {
  private final Path dir;

  private WitnessStore(Path dir) {
    this.dir = dir;
  }

  public static WitnessStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      try (var stale = Files.list(dir)) {
        for (Path p : stale.filter(f -> f.toString().endsWith(".tmp")).toList()) {
          Files.delete(p); // a write the crash interrupted before its rename
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the witness folder " + dir, e);
    }
    return new WitnessStore(dir);
  }

  /** The file name of a log's state: the lowercase hex SHA-256 of its origin. */
  public static String originHash(String origin) {
    return Hash.sha256(origin.getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** The checkpoint note held for {@code origin}, if any. */
  public Optional<String> held(String origin) {
    return read(originHash(origin));
  }

  /** The note held under an origin hash (as the monitoring endpoint names it). */
  public Optional<String> read(String originHash) {
    if (!originHash.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(dir.resolve(originHash), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the witness state for " + originHash, e);
    }
  }

  /** Replaces the note held for {@code origin}; returns once it is durable. */
  public void hold(String origin, String note) {
    String name = originHash(origin);
    Path tmp = dir.resolve(name + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(note.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
        folder.force(true); // makes the rename itself durable
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the witness state for " + origin, e);
    }
  }
}
