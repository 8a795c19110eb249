package dev.swarmledger.node.storage;

import dev.swarmledger.protocol.crypto.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Blobs as files under a folder, fanned out by the first byte of the hash ({@code ab/abcd…}). A
 * write goes to {@code tmp/}, is fsync'd and verified, then renamed into place (atomic on one file
 * system) and the folder fsync'd: a crash leaves at most a stray temp file, never a partial blob
 * under a hash name, and {@code tmp/} is emptied at every open.
 */
public final class DiskBlobStore implements BlobStore {
  private static final int LOCK_STRIPES = 64;

  private final Path root;
  private final Path tmp;
  private final long maxBlobBytes;
  // Makes "already stored?" and the rename one step per hash, so exactly one write reports storing.
  private final Object[] publishLocks = new Object[LOCK_STRIPES];

  private DiskBlobStore(Path root, long maxBlobBytes) {
    this.root = root;
    this.tmp = root.resolve("tmp");
    this.maxBlobBytes = maxBlobBytes;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      publishLocks[i] = new Object();
    }
  }

  /** Opens (creating) the store in {@code root} and deletes what crashed writes left in it. */
  public static DiskBlobStore open(Path root, long maxBlobBytes) {
    if (maxBlobBytes < 0) {
      throw new IllegalArgumentException("maxBlobBytes must not be negative");
    }
    DiskBlobStore store = new DiskBlobStore(root, maxBlobBytes);
    try {
      Files.createDirectories(store.tmp);
      try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(store.tmp)) {
        for (Path p : leftovers) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot open blob store in " + root, e);
    }
    return store;
  }

  @Override
  public long maxBlobBytes() {
    return maxBlobBytes;
  }

  /** Where the blob {@code hash} lives once stored. */
  Path pathOf(Hash hash) {
    String hex = hash.hex();
    return root.resolve(hex.substring(0, 2)).resolve(hex);
  }

  /** The folder of in-progress writes (emptied at open). */
  Path tmpFolder() {
    return tmp;
  }

  @Override
  public BlobWrite begin(Hash hash, long length) {
    if (length > maxBlobBytes) {
      throw BlobStore.tooLarge(length, maxBlobBytes);
    }
    try {
      Path part = Files.createTempFile(tmp, hash.hex() + "-", ".part");
      FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE);
      return new DiskWrite(hash, length, part, out);
    } catch (IOException e) {
      throw new StorageException("cannot start blob " + hash.hex(), e);
    }
  }

  @Override
  public Optional<BlobStream> get(Hash hash) {
    try {
      FileChannel in = FileChannel.open(pathOf(hash), StandardOpenOption.READ);
      try {
        return Optional.of(new BlobStream(in.size(), Channels.newInputStream(in)));
      } catch (IOException e) {
        in.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read blob " + hash.hex(), e);
    }
  }

  @Override
  public boolean has(Hash hash) {
    return Files.isRegularFile(pathOf(hash));
  }

  @Override
  public boolean delete(Hash hash) {
    try {
      return Files.deleteIfExists(pathOf(hash));
    } catch (IOException e) {
      throw new StorageException("cannot delete blob " + hash.hex(), e);
    }
  }

  @Override
  public void close() {}

  private Object publishLock(Hash hash) {
    return publishLocks[Math.floorMod(hash.hashCode(), LOCK_STRIPES)];
  }

  private static void fsyncFolder(Path folder) throws IOException {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private final class DiskWrite extends VerifyingBlobWrite {
    private final Path part;
    private final FileChannel out;

    DiskWrite(Hash hash, long length, Path part, FileChannel out) {
      super(hash, length);
      this.part = part;
      this.out = out;
    }

    @Override
    void store(ByteBuffer bytes) {
      try {
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      } catch (IOException e) {
        throw new StorageException("cannot write blob " + hash().hex(), e);
      }
    }

    @Override
    boolean publish() {
      Path target = pathOf(hash());
      try {
        out.force(true);
        out.close();
        synchronized (publishLock(hash())) {
          if (Files.exists(target)) {
            Files.delete(part);
            return false;
          }
          Files.createDirectories(target.getParent());
          Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        }
        fsyncFolder(target.getParent());
        return true;
      } catch (IOException e) {
        throw new StorageException("cannot store blob " + hash().hex(), e);
      }
    }

    @Override
    void discard() {
      try {
        out.close();
        Files.deleteIfExists(part);
      } catch (IOException e) {
        throw new StorageException("cannot discard the temp file of blob " + hash().hex(), e);
      }
    }
  }
}
