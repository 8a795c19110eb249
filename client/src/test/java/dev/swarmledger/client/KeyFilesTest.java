package dev.swarmledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.SigningKey;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: owner-only, never overwritten, read back to the same key. */
class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void createThenReadGivesTheSameKeyWithOwnerOnlyPermissions() throws Exception {
    Path file = dir.resolve("nested/alice.key");
    SigningKey created = KeyFiles.create(file);
    SigningKey read = KeyFiles.read(file);
    assertThat(read.publicKey()).isEqualTo(created.publicKey());
    assertThat(read.seed()).isEqualTo(created.seed());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // No temporary files left next to it.
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("alice.key");
    }
  }

  @Test
  void neverOverwritesAnExistingKeyFile() throws Exception {
    Path file = dir.resolve("k.key");
    SigningKey first = KeyFiles.create(file);
    String before = Files.readString(file);
    assertThatThrownBy(() -> KeyFiles.create(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(KeyFiles.readOrCreate(file).publicKey()).isEqualTo(first.publicKey());
  }

  @Test
  void readOrCreateCreatesOnce() {
    Path file = dir.resolve("new.key");
    SigningKey a = KeyFiles.readOrCreate(file);
    SigningKey b = KeyFiles.readOrCreate(file);
    assertThat(b.publicKey()).isEqualTo(a.publicKey());
  }

  @Test
  void readingAMissingFileFailsWithTheFileName() {
    assertThatThrownBy(() -> KeyFiles.read(dir.resolve("missing.key")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.key");
  }
}
