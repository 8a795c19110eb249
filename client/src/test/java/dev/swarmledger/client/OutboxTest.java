package dev.swarmledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void keepsEntriesInOrderAcrossInstancesAndIgnoresTemporaryFiles() throws Exception {
    SigningKey key = SigningKey.generate(RANDOM);
    Outbox outbox = new Outbox(dir);
    long a = outbox.enqueue(TxCodec.sign(key, 0, new AccountRegister("a")));
    long b = outbox.enqueue(TxCodec.sign(key, 1, new AccountRegister("b")));
    // A crash mid-write leaves only a temporary file, never a half entry.
    Files.writeString(dir.resolve(".outbox123.tmp"), "{\"half\":");

    Outbox reopened = new Outbox(dir);
    assertThat(reopened.pending()).extracting(Outbox.Entry::sequence).containsExactly(a, b);
    assertThat(reopened.pending().get(1).tx().nonce()).isEqualTo(1);

    reopened.replace(a, TxCodec.sign(key, 5, new AccountRegister("a")));
    reopened.remove(b);
    assertThat(reopened.pending())
        .singleElement()
        .satisfies(e -> assertThat(e.tx().nonce()).isEqualTo(5));
  }
}
