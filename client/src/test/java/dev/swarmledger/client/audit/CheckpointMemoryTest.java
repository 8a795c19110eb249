package dev.swarmledger.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auditor's memory: pinned key and verified checkpoints, tamper-evident on disk. */
class CheckpointMemoryTest {
  private static final SigningKey KEY = SigningKey.generate(new SecureRandom());
  private static final CheckpointSigner SIGNER = new CheckpointSigner("mem.example/log", KEY);

  @TempDir Path dir;

  private static String note(long size, int seed) {
    return SIGNER.sign(size, Hash.sha256(new byte[] {(byte) seed}));
  }

  @Test
  void remembersCheckpointsInSizeOrderAndThePinnedKey() {
    CheckpointMemory m = new CheckpointMemory(dir);
    assertThat(m.pinnedKey()).isEmpty();
    assertThat(m.checkpoints(SIGNER.verifierKey())).isEmpty();
    for (long size : new long[] {12, 3, 100}) {
      String note = note(size, (int) size);
      m.remember(new CheckpointVerifier(SIGNER.verifierKey()).verify(note), note);
    }
    m.pinKey(SIGNER.verifierKey().encode());
    CheckpointMemory reopened = new CheckpointMemory(dir);
    assertThat(reopened.pinnedKey()).contains(SIGNER.verifierKey().encode());
    assertThat(reopened.checkpoints(SIGNER.verifierKey()))
        .extracting(Checkpoint::size)
        .containsExactly(3L, 12L, 100L);
  }

  @Test
  void anEditedRememberedCheckpointIsDetected() throws Exception {
    CheckpointMemory m = new CheckpointMemory(dir);
    String note = note(5, 1);
    m.remember(new CheckpointVerifier(SIGNER.verifierKey()).verify(note), note);
    Path file;
    try (var files = Files.list(dir.resolve("checkpoints"))) {
      file = files.findFirst().orElseThrow();
    }
    Files.writeString(file, note.replace("\n5\n", "\n6\n"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> m.checkpoints(SIGNER.verifierKey()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no longer verifies");
  }

  @Test
  void checkpointsOfAnotherKeyDoNotVerify() {
    CheckpointMemory m = new CheckpointMemory(dir);
    String note = note(5, 1);
    m.remember(new CheckpointVerifier(SIGNER.verifierKey()).verify(note), note);
    CheckpointSigner other =
        new CheckpointSigner("mem.example/log", SigningKey.generate(new SecureRandom()));
    assertThatThrownBy(() -> m.checkpoints(other.verifierKey()))
        .isInstanceOf(IllegalStateException.class);
  }
}
