package dev.swarmledger.node.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import dev.swarmledger.protocol.witness.AddCheckpointRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 right after a cosignature: the restarted witness still holds the cosigned size, so it can
 * never be talked into cosigning a checkpoint inconsistent with one it already cosigned.
 */
class WitnessCrashTest {
  private static final SigningKey WITNESS = TestTransactions.key(21);
  private static final CheckpointSigner LOG =
      new CheckpointSigner("crash.example/log", TestTransactions.key(22));

  @TempDir Path dir;
  private final List<Process> children = new ArrayList<>();

  private String start() throws IOException, InterruptedException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                javaBin,
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ChildWitnessMain.class.getName(),
                dir.resolve("witness").toString(),
                HexFormat.of().formatHex(WITNESS.seed()),
                LOG.verifierKey().encode())
            .redirectError(dir.resolve("child-" + children.size() + ".err").toFile())
            .start();
    children.add(p);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine(); // blocks until the child prints or dies
    if (line == null || !line.startsWith(ChildWitnessMain.READY)) {
      p.destroyForcibly();
      throw new AssertionError(
          "witness did not start: "
              + Files.readString(dir.resolve("child-" + (children.size() - 1) + ".err")));
    }
    return line.substring(ChildWitnessMain.READY.length()).strip().replace("/v1/witness", "");
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static NodeHttp.Reply add(NodeHttp w, long old, List<?> proof, String note) {
    @SuppressWarnings("unchecked")
    AddCheckpointRequest r =
        new AddCheckpointRequest(old, (List<dev.swarmledger.protocol.crypto.Hash>) proof, note);
    return w.send(
        "POST",
        "/v1/witness/add-checkpoint",
        r.encode().getBytes(StandardCharsets.UTF_8),
        "text/plain");
  }

  @Test
  void aCosignedCheckpointSurvivesKillDashNine() throws Exception {
    MemoryTreeNodes tree = new MemoryTreeNodes();
    for (int i = 0; i < 9; i++) {
      tree.append(MerkleHash.leaf(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
    }
    NodeHttp w = new NodeHttp(start());
    assertThat(add(w, 0, List.of(), LOG.sign(4, MerkleProofs.root(tree, 4))).status())
        .isEqualTo(200);
    NodeHttp.Reply second =
        add(w, 4, MerkleProofs.consistency(tree, 4, 9), LOG.sign(9, MerkleProofs.root(tree, 9)));
    assertThat(second.status()).as(second.text()).isEqualTo(200);
    // SIGKILL the moment the answer arrived: the answer was written after the fsync.
    Process first = children.get(0);
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(first.isAlive()).isFalse();

    NodeHttp restarted = new NodeHttp(start());
    NodeHttp.Reply conflict = add(restarted, 4, List.of(), LOG.sign(4, MerkleProofs.root(tree, 4)));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.text()).isEqualTo("9\n");
    // And it keeps refusing a rollback to the older checkpoint it had cosigned before.
    assertThat(add(restarted, 9, List.of(), LOG.sign(4, MerkleProofs.root(tree, 4))).status())
        .isEqualTo(400);
  }
}
