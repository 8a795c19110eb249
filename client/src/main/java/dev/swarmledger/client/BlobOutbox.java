package dev.swarmledger.client;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Blobs waiting to be uploaded (trained weights, job outputs), kept on disk as {@code <sha256>.bin}
 * until the node holds them. A blob may be uploaded only once a logged transaction of this account
 * references it, so the transaction goes first (through the {@link Outbox}) and the blob follows: a
 * node that refuses it as not yet referenced, or is away, gets it at the next {@link #flush}, also
 * after a restart of this process.
 */
public final class BlobOutbox {
  private final Path dir;
  private final LedgerClient client;
  private final SigningKey key;

  public BlobOutbox(Path dir, LedgerClient client, SigningKey key) {
    this.dir = dir;
    this.client = client;
    this.key = key;
  }

  /**
   * Moves {@code file}, whose SHA-256 is {@code sha256}, into the outbox (atomically, on the same
   * file system) and returns where it now lies.
   */
  public Path add(Path file, Hash sha256) {
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(sha256.hex() + ".bin");
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep blob " + sha256.hex() + " in " + dir, e);
    }
  }

  /** The hashes of the blobs still waiting. */
  public List<Hash> pending() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("[0-9a-f]{64}\\.bin"))
          .sorted()
          .map(n -> Hash.fromHex(n.substring(0, 64)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * Uploads every waiting blob the node accepts and deletes it here; keeps those the node cannot
   * take yet (not referenced yet, node away). A blob the node refuses for good (not this account's
   * to upload, over the size limit) is dropped with a message. Returns how many were uploaded.
   */
  public int flush(Consumer<String> log) {
    int uploaded = 0;
    for (Hash h : pending()) {
      Path file = dir.resolve(h.hex() + ".bin");
      try {
        LedgerClient.BlobPut put = client.putBlob(key, file);
        log.accept(
            "blob "
                + h.hex().substring(0, 16)
                + "… "
                + (put.created() ? "uploaded" : "already on the node")
                + " ("
                + put.size()
                + " bytes)");
        Files.deleteIfExists(file);
        uploaded++;
      } catch (ApiException e) {
        if (!e.transientFailure() && !e.is(ErrorCode.BLOB_NOT_REFERENCED)) {
          // Not ours to upload, too large, …: retrying cannot help.
          log.accept("blob " + h.hex() + " refused for good; dropped: " + e);
          delete(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return uploaded;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
