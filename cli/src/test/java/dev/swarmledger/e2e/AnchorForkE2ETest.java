package dev.swarmledger.e2e;

import static dev.swarmledger.cli.InProcessSwarm.swarm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.cli.InProcessSwarm;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contracts.LocalChain;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.TxType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ethereum anchoring end to end, on a real local chain: {@code swarm anchor deploy}, {@code swarm
 * anchor --once} posting a node's checkpoint and recording it on the log, and {@code swarm audit
 * --rpc} passing. Then the attack: the operator runs a second node with the same key and origin but
 * other leaves (a fork) and anchors it on the same contract. Each log alone is well signed and
 * replays; the audit of either one fails, through the anchors.
 */
class AnchorForkE2ETest {
  @TempDir Path dir;

  @Test
  void anAnchoredForkOfTheLogFailsTheAuditOfEitherBranch() throws Exception {
    SigningKey operator = SigningKey.generate(new SecureRandom());
    Path opKey = dir.resolve("operator.key");
    KeyFiles.write(opKey, operator);
    Path ethKey = dir.resolve("operator.eth");
    Files.writeString(ethKey, LocalChain.OPERATOR_KEY + "\n");

    try (LocalChain chain = LocalChain.start();
        LedgerNode a = LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, operator));
        LedgerNode b =
            LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, operator))) {
      InProcessSwarm.Captured deployed =
          swarm("anchor", "deploy", "--rpc", chain.rpcUrl(), "--eth-key", ethKey.toString());
      assertThat(deployed.exit()).isZero();
      Matcher m = Pattern.compile("at (0x[0-9a-f]{40})").matcher(deployed.out());
      assertThat(m.find()).isTrue();
      String contract = m.group(1);

      // The honest log: one registration, then anchored.
      register(a, 1, "alice");
      assertThat(anchor(a, opKey, ethKey, chain, contract).exit()).isZero();
      LedgerClient ca = new LedgerClient(a.url());
      List<byte[]> leaves = ca.entries(0, 3);
      assertThat(leaves).hasSize(3);
      AnchorRecord record = (AnchorRecord) LeafCodec.decode(leaves.get(2)).tx().body();
      assertThat(record.type()).isEqualTo(TxType.ANCHOR_RECORD);
      assertThat(record.size()).isEqualTo(2);
      assertThat(record.contract()).isEqualTo(contract);
      assertThat(record.chainId()).isEqualTo(LocalChain.CHAIN_ID);
      // Nothing new but the record itself: a second round posts nothing.
      InProcessSwarm.Captured again = anchor(a, opKey, ethKey, chain, contract);
      assertThat(again.exit()).isZero();
      assertThat(again.out()).contains("nothing new");

      InProcessSwarm.Captured honest = audit(a, chain, contract, "a-1");
      assertThat(honest.exit()).isZero();
      assertThat(honest.out()).contains("1 anchor transactions and events match their records");

      // The fork: same operator key and origin, other leaves, anchored on the same contract.
      register(b, 2, "bob");
      register(b, 3, "carol");
      assertThat(anchor(b, opKey, ethKey, chain, contract).exit()).isZero();

      InProcessSwarm.Captured auditA = audit(a, chain, contract, "a-2");
      assertThat(auditA.exit()).isEqualTo(5); // ExitCodes.FAILED: the audit ran and found a fork
      assertThat(auditA.out()).contains("FAIL").contains("at size 3").contains("a fork");

      InProcessSwarm.Captured auditB = audit(b, chain, contract, "b");
      assertThat(auditB.exit()).isEqualTo(5);
      assertThat(auditB.out()).contains("FAIL").contains("at size 2").contains("a fork");

      // Without a chain the fork's log is self-consistent: only the anchors reveal it.
      InProcessSwarm.Captured blind =
          swarm("audit", "--node", b.url(), "--state", dir.resolve("blind").toString());
      assertThat(blind.exit()).isZero();
    }
  }

  private static void register(LedgerNode node, int n, String name) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    new AccountSession(new LedgerClient(node.url()), SigningKey.fromSeed(seed))
        .submit(new AccountRegister(name));
  }

  private static InProcessSwarm.Captured anchor(
      LedgerNode node, Path opKey, Path ethKey, LocalChain chain, String contract) {
    return swarm(
        "anchor",
        "--once",
        "--node",
        node.url(),
        "--key",
        opKey.toString(),
        "--rpc",
        chain.rpcUrl(),
        "--eth-key",
        ethKey.toString(),
        "--contract",
        contract);
  }

  private InProcessSwarm.Captured audit(
      LedgerNode node, LocalChain chain, String contract, String state) {
    return swarm(
        "audit",
        "--node",
        node.url(),
        "--rpc",
        chain.rpcUrl(),
        "--contract",
        contract,
        "--state",
        dir.resolve(state).toString());
  }
}
