package dev.swarmledger.cli;

import static dev.swarmledger.cli.InProcessSwarm.swarm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.witness.WitnessEndpoint;
import dev.swarmledger.node.witness.WitnessServer;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.checkpoint.CosignatureSigner;
import dev.swarmledger.protocol.checkpoint.CosignerKey;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swarm log verify} and {@code swarm audit} with {@code --witness/--quorum}: they pass on
 * the witnessed log and fail on a fork signed with the same operator key, which no witness
 * cosigned.
 */
class WitnessQuorumCommandTest {
  @TempDir Path dir;

  private static void register(LedgerNode node, String name) {
    SigningKey k = SigningKey.generate(new SecureRandom());
    new LedgerClient(node.url()).submit(TxCodec.sign(k, 0, new AccountRegister(name)));
  }

  @Test
  void aQuorumClientAcceptsTheWitnessedLogAndRejectsTheFork() throws Exception {
    SigningKey operator = SigningKey.generate(new SecureRandom());
    Path witnessKeyFile = dir.resolve("witness.key");
    InProcessSwarm.Captured shown =
        swarm("witness", "--key", witnessKeyFile.toString(), "--name", "w.test/1", "--show-key");
    assertThat(shown.exit()).isZero();
    CosignerKey wKey = CosignerKey.parse(shown.out().strip());
    CosignatureSigner signer = new CosignatureSigner("w.test/1", KeyFiles.read(witnessKeyFile));
    assertThat(signer.key()).isEqualTo(wKey);

    NodeConfig base = NodeConfig.of(Optional.empty(), "127.0.0.1", 0, operator);
    try (WitnessServer witness =
            WitnessServer.start(
                dir.resolve("w"),
                "127.0.0.1",
                0,
                signer,
                WitnessCommand.parseLogs(
                    List.of(
                        base.origin()
                            + "="
                            + new dev.swarmledger.protocol.checkpoint.CheckpointSigner(
                                    base.origin(), operator)
                                .verifierKey()
                                .encode())),
                Clock.systemUTC());
        LedgerNode honest =
            LedgerNode.start(
                base.withWitnesses(
                    List.of(
                        WitnessEndpoint.parse(
                            witness.url().replace("/v1/witness", "") + "=" + wKey.encode()))));
        LedgerNode fork = LedgerNode.start(base)) {
      register(honest, "alice");
      register(fork, "mallory");
      register(fork, "eve");
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (wKey.cosignature(SignedNote.parse(new LedgerClient(honest.url()).checkpoint()))
          .isEmpty()) {
        assertThat(System.nanoTime()).as("honest checkpoint cosigned in time").isLessThan(deadline);
      }
      // Wait for the round that covers alice (size 2).
      while (!new LedgerClient(honest.url()).checkpoint().contains("\n2\n")
          || wKey.cosignature(SignedNote.parse(new LedgerClient(honest.url()).checkpoint()))
              .isEmpty()) {
        assertThat(System.nanoTime()).as("size 2 cosigned in time").isLessThan(deadline);
      }

      String w = wKey.encode();
      InProcessSwarm.Captured ok =
          swarm(
              "log",
              "verify",
              "--node",
              honest.url(),
              "--state",
              dir.resolve("s1").toString(),
              "--witness",
              w,
              "--quorum",
              "1");
      assertThat(ok.exit()).as(ok.out()).isZero();
      assertThat(ok.out()).contains("cosigned by 1 of the configured witnesses");
      InProcessSwarm.Captured audited =
          swarm(
              "audit",
              "--node",
              honest.url(),
              "--state",
              dir.resolve("s2").toString(),
              "--witness",
              w);
      assertThat(audited.exit()).as(audited.out()).isZero();

      InProcessSwarm.Captured forked =
          swarm(
              "log",
              "verify",
              "--node",
              fork.url(),
              "--state",
              dir.resolve("s3").toString(),
              "--witness",
              w,
              "--quorum",
              "1");
      assertThat(forked.exit()).as(forked.out()).isNotZero();
      assertThat(forked.out()).contains("FAIL").contains("cosigned by 0");
      InProcessSwarm.Captured forkAudit =
          swarm(
              "audit",
              "--node",
              fork.url(),
              "--state",
              dir.resolve("s4").toString(),
              "--witness",
              w);
      assertThat(forkAudit.exit()).as(forkAudit.out()).isNotZero();
      // Without a witness policy the fork's checkpoint is, on its own, validly signed: only the
      // witnesses reveal the split view to a first-time client.
      InProcessSwarm.Captured naive =
          swarm("log", "verify", "--node", fork.url(), "--state", dir.resolve("s5").toString());
      assertThat(naive.exit()).as(naive.out()).isZero();
    }
  }
}
