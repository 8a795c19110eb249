package dev.swarmledger.client;

import dev.swarmledger.protocol.crypto.KeyFileCodec;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Reads and writes key files (owner-only permissions, written atomically, never overwritten). */
public final class KeyFiles {
  private KeyFiles() {}

  public static SigningKey read(Path file) {
    try {
      return KeyFileCodec.decode(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    }
  }

  /** Writes a new random key to {@code file}; refuses to replace an existing one. */
  public static SigningKey create(Path file) {
    SigningKey key = SigningKey.generate(new SecureRandom());
    write(file, key);
    return key;
  }

  public static void write(Path file, SigningKey key) {
    try {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(
            file.toString(), null, "refusing to overwrite a key file");
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".key", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: permissions are the platform's business
      }
      Files.writeString(tmp, KeyFileCodec.encode(key), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code file}, creating it with a new key first if it does not exist. */
  public static SigningKey readOrCreate(Path file) {
    return Files.exists(file) ? read(file) : create(file);
  }
}
