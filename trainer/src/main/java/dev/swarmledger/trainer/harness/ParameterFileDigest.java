package dev.swarmledger.trainer.harness;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The two hashes of a {@link ParameterFile}, computed from the file alone (no libtorch, no model):
 * the file's own SHA-256, which names it as a content-addressed blob, and the state hash ({@link
 * ParameterHash}, a run's {@code final_param_hash}) of the state it holds. The file stores exactly
 * what the state hash reads (name, dtype, shape, raw bytes per tensor), so a host can check that a
 * blob is the state a result published before any child loads it.
 */
public final class ParameterFileDigest {
  /** A tensor entry larger than this is refused rather than buffered (libtorch's int length). */
  private static final int MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

  private ParameterFileDigest() {}

  /** The hex SHA-256 of the file's bytes. */
  public static String fileSha256(Path file) throws IOException {
    MessageDigest digest = ParameterHash.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The hex state hash of the parameters the file holds: equal to {@link ParameterHash#hex} of a
   * model after {@link ParameterFile#load} of this file.
   *
   * @throws IOException if the file cannot be read or is not a well-formed parameter file
   *     (truncated, trailing bytes, a wrong magic number)
   */
  public static String stateHash(Path file) throws IOException {
    MessageDigest state = ParameterHash.sha256();
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != ParameterFile.MAGIC) {
        throw new IOException("not a parameter file: " + file);
      }
      int count = in.readInt();
      if (count < 0) {
        throw new IOException("parameter file has a negative tensor count: " + file);
      }
      byte[] buffer = new byte[1 << 16];
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        String dtype = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > 64) {
          throw new IOException("parameter file entry " + name + " has rank " + rank);
        }
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readLong();
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_ENTRY_BYTES) {
          throw new IOException("parameter file entry " + name + " has length " + length);
        }
        state.update(ParameterHash.header(name, dtype, shape, length));
        for (int left = length; left > 0; ) {
          int n = in.read(buffer, 0, Math.min(buffer.length, left));
          if (n < 0) {
            throw new EOFException("parameter file ends inside entry " + name);
          }
          state.update(buffer, 0, n);
          left -= n;
        }
      }
      if (in.read() != -1) {
        throw new IOException("parameter file has bytes after its last tensor: " + file);
      }
    } catch (EOFException e) {
      throw new IOException("parameter file is truncated: " + file, e);
    }
    return HexFormat.of().formatHex(state.digest());
  }
}
