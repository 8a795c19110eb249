package dev.swarmledger.cli;

import static dev.swarmledger.cli.InProcessSwarm.swarm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swarm run --weights} keeps a run's final parameters and {@code swarm publish --weights}
 * names them in the result and uploads them, so a verifier that reproduces the same file makes the
 * result a model; weights that are not the run's are refused before anything is published.
 */
class PublishWeightsCommandTest {
  @TempDir Path folder;

  @Test
  void aRunsKeptWeightsArePublishedAndUploadedAndOthersAreRefused() throws Exception {
    Path source = folder.resolve("TinyBaseline.java");
    try (InputStream in = getClass().getResourceAsStream("/e2e/TinyBaseline.java")) {
      Files.write(source, in.readAllBytes());
    }
    Path weights = folder.resolve("weights.bin");
    String[] run = {
      "run",
      source.toString(),
      "--track",
      "shakespeare-char",
      "--steps",
      "2",
      "--threads",
      "1",
      "--json",
      "--weights",
      weights.toString()
    };
    InProcessSwarm.Captured trained = swarm(run);
    assertThat(trained.exit()).as(trained.out()).isZero();
    Path record = folder.resolve("run.json");
    Files.writeString(record, trained.out());
    Hash fileHash = Hash.sha256(Files.readAllBytes(weights));

    SigningKey operator = SigningKey.generate(new SecureRandom());
    try (LedgerNode node =
        LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, operator))) {
      SigningKey alice = SigningKey.generate(new SecureRandom());
      Path key = folder.resolve("alice.key");
      KeyFiles.write(key, alice);
      LedgerClient client = new LedgerClient(node.url());
      new AccountSession(client, alice).submit(new AccountRegister("alice"));

      // Another file (here: the record) is not the run's parameters: refused, nothing published.
      InProcessSwarm.Captured wrong =
          swarm(
              "publish",
              record.toString(),
              source.toString(),
              "--node",
              node.url(),
              "--key",
              key.toString(),
              "--weights",
              record.toString(),
              "--json");
      assertThat(wrong.exit()).isNotZero();
      assertThat(client.account(alice.publicKey()).orElseThrow().nextNonce()).isEqualTo(1);

      InProcessSwarm.Captured published =
          swarm(
              "publish",
              record.toString(),
              source.toString(),
              "--node",
              node.url(),
              "--key",
              key.toString(),
              "--weights",
              weights.toString(),
              "--json");
      assertThat(published.exit()).as(published.out()).isZero();
      long id = new ObjectMapper().readTree(published.out()).get("result").asLong();
      ResultView r = client.result(id).orElseThrow();
      assertThat(r.run().weightsSha256()).contains(fileHash);
      Path copy = folder.resolve("copy.bin");
      assertThat(client.getBlob(fileHash, copy)).isTrue();
      assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(weights));
    }
  }
}
