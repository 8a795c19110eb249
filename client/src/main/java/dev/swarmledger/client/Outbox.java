package dev.swarmledger.client;

import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Signed transactions waiting for the node, on disk, in order. Each is written to a temporary file,
 * fsync'd and renamed, so a crash leaves either the whole entry or none; entries are removed only
 * after the node acknowledged them. Collaboration is additive: work goes on while the node is away.
 */
public final class Outbox {
  /** One waiting transaction and its place in the queue. */
  public record Entry(long sequence, Tx tx) {}

  private final Path dir;

  public Outbox(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create outbox " + dir, e);
    }
  }

  /** Appends {@code tx} after every waiting entry; returns its sequence number. */
  public synchronized long enqueue(Tx tx) {
    long seq = pending().stream().mapToLong(Entry::sequence).max().orElse(0) + 1;
    Path target = dir.resolve(String.format("%012d.tx.json", seq));
    try {
      Path tmp = Files.createTempFile(dir, ".outbox", ".tmp");
      Files.write(tmp, StrictJson.canonical(tx.json()));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write outbox entry " + target, e);
    }
    return seq;
  }

  /** Waiting entries, oldest first. */
  public synchronized List<Entry> pending() {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p :
          files.filter(f -> f.getFileName().toString().endsWith(".tx.json")).sorted().toList()) {
        long seq = Long.parseLong(p.getFileName().toString().substring(0, 12));
        out.add(new Entry(seq, TxCodec.decode(Files.readAllBytes(p))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outbox " + dir, e);
    }
    return out;
  }

  /** Replaces a waiting entry (e.g. re-signed with a fresh nonce), keeping its place. */
  public synchronized void replace(long sequence, Tx tx) {
    Path target = dir.resolve(String.format("%012d.tx.json", sequence));
    try {
      Path tmp = Files.createTempFile(dir, ".outbox", ".tmp");
      Files.write(tmp, StrictJson.canonical(tx.json()));
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace outbox entry " + target, e);
    }
  }

  public synchronized void remove(long sequence) {
    try {
      Files.deleteIfExists(dir.resolve(String.format("%012d.tx.json", sequence)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
