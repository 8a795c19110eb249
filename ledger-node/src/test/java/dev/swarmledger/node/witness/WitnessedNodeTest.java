package dev.swarmledger.node.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.checkpoint.CosignatureSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.checkpoint.WitnessQuorum;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.witness.AddCheckpointRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node witnessed by a real witness server on loopback, and a second log forked with the same
 * operator key: the witness cosigns the honest history only, and a client that requires the
 * witness's cosignature rejects the fork's checkpoint.
 */
class WitnessedNodeTest {
  private static final SigningKey OPERATOR = TestTransactions.key(11);
  private static final String ORIGIN = NodeConfig.DEFAULT_ORIGIN;

  @TempDir Path dir;
  private final CosignatureSigner witnessKey =
      new CosignatureSigner("witness.test/w1", TestTransactions.key(12));
  private final NoteVerifierKey logKey = new CheckpointSigner(ORIGIN, OPERATOR).verifierKey();
  private WitnessServer witness;
  private LedgerNode honest;
  private LedgerNode fork;

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {fork, honest, witness}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // best effort
        }
      }
    }
  }

  private WitnessServer startWitness() {
    return WitnessServer.start(
        dir.resolve("witness"),
        "127.0.0.1",
        0,
        witnessKey,
        Map.of(ORIGIN, List.of(logKey)),
        Clock.systemUTC());
  }

  private LedgerNode startNode(String name) {
    WitnessEndpoint w = new WitnessEndpoint(java.net.URI.create(witness.url()), witnessKey.key());
    return LedgerNode.start(
        NodeConfig.of(Optional.empty(), "127.0.0.1", 0, OPERATOR).withWitnesses(List.of(w)));
  }

  private static String awaitCheckpoint(LedgerNode node, Predicate<String> done) {
    NodeHttp http = new NodeHttp(node.url());
    long deadline = System.nanoTime() + 20_000_000_000L;
    String note = http.get("/v1/log/checkpoint").text();
    while (!done.test(note)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("checkpoint never reached the expected state: " + note);
      }
      Thread.onSpinWait();
      note = http.get("/v1/log/checkpoint").text();
    }
    return note;
  }

  private boolean cosigned(String note) {
    return witnessKey.key().cosignature(SignedNote.parse(note)).isPresent();
  }

  private static long size(String note) {
    return Checkpoint.parseBody(SignedNote.parse(note).text()).size();
  }

  private static void register(LedgerNode node, String name) {
    NodeHttp.Reply r =
        new NodeHttp(node.url())
            .postJson("/v1/tx", TestTransactions.register(TestTransactions.freshKey(), name));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  @Test
  void theNodeServesCheckpointsCosignedByItsWitness() {
    witness = startWitness();
    honest = startNode("honest");
    String first = awaitCheckpoint(honest, this::cosigned);
    assertThat(new CheckpointVerifier(logKey).verify(first).size()).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      register(honest, "alice" + i);
    }
    String later = awaitCheckpoint(honest, n -> size(n) == 6 && cosigned(n));
    new WitnessQuorum(List.of(witnessKey.key()), 1).check(later);
    // The tiles checkpoint is the same witnessed note.
    assertThat(new NodeHttp(honest.url()).get("/v1/checkpoint").text()).isEqualTo(later);
    // The witness serves what it holds on its monitoring endpoint, with both signatures.
    String held =
        new NodeHttp(witness.url().replace("/v1/witness", ""))
            .get("/v1/witness/" + WitnessStore.originHash(ORIGIN) + "/checkpoint")
            .text();
    assertThat(size(held)).isEqualTo(6);
    assertThat(cosigned(held)).isTrue();
    assertThat(SignedNote.parse(held).verifiedBy(logKey)).isTrue();
  }

  @Test
  void aForkSignedWithTheSameOperatorKeyIsRefusedAndDetected() {
    witness = startWitness();
    honest = startNode("honest");
    register(honest, "alice");
    register(honest, "bob");
    String honestNote = awaitCheckpoint(honest, n -> size(n) == 3 && cosigned(n));

    // The operator runs a second log with the same key and origin: a split view.
    fork = startNode("fork");
    for (String name : List.of("mallory", "eve", "trent")) {
      register(fork, name);
    }
    // The fork's node submits too; the witness holds size 3 of the honest history and refuses.
    NodeHttp wHttp = new NodeHttp(witness.url().replace("/v1/witness", ""));
    String forkNote = new NodeHttp(fork.url()).get("/v1/log/checkpoint").text();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (size(forkNote) != 4) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      forkNote = new NodeHttp(fork.url()).get("/v1/log/checkpoint").text();
    }
    assertThat(new CheckpointVerifier(logKey).verify(forkNote).size()).isEqualTo(4);
    assertThat(cosigned(forkNote)).as("the witness must not cosign the fork").isFalse();

    // Directly: the fork's checkpoint with the fork's own consistency proof from size 3.
    String forkRaw = fork.log().checkpoint();
    AddCheckpointRequest fromHeld =
        new AddCheckpointRequest(3, fork.log().consistencyProof(3, 4).path(), forkRaw);
    NodeHttp.Reply refused =
        wHttp.send(
            "POST",
            "/v1/witness/add-checkpoint",
            fromHeld.encode().getBytes(StandardCharsets.UTF_8),
            "text/plain");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().path("error").path("code").asText())
        .isEqualTo("inconsistent_checkpoint");

    // A client that requires the witness accepts the honest checkpoint and rejects the fork's.
    WitnessQuorum quorum = new WitnessQuorum(List.of(witnessKey.key()), 1);
    quorum.check(honestNote);
    String finalFork = forkNote;
    assertThatThrownBy(() -> quorum.check(finalFork)).hasMessageContaining("cosigned by 0");
    // The witness still holds the honest history.
    String held =
        wHttp.get("/v1/witness/" + WitnessStore.originHash(ORIGIN) + "/checkpoint").text();
    assertThat(SignedNote.parse(held).text()).isEqualTo(SignedNote.parse(honestNote).text());
  }

  @Test
  void answersWithTheStatusesOfTheSpec() {
    witness = startWitness();
    NodeHttp w = new NodeHttp(witness.url().replace("/v1/witness", ""));
    CheckpointSigner log = new CheckpointSigner(ORIGIN, OPERATOR);
    String empty = log.sign(0, dev.swarmledger.protocol.merkle.MerkleHash.empty());
    String one = log.sign(1, dev.swarmledger.protocol.merkle.MerkleHash.leaf(new byte[] {1}));

    NodeHttp.Reply ok = post(w, new AddCheckpointRequest(0, List.of(), one).encode());
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(ok.text()).startsWith("\u2014 witness.test/w1 ").endsWith("\n");
    assertThat(witnessKey.key().cosignature(SignedNote.parse(one + ok.text()))).isPresent();

    NodeHttp.Reply conflict = post(w, new AddCheckpointRequest(0, List.of(), one).encode());
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).isEqualTo("text/x.tlog.size");
    assertThat(conflict.text()).isEqualTo("1\n");

    NodeHttp.Reply rollback = post(w, new AddCheckpointRequest(1, List.of(), empty).encode());
    assertThat(rollback.status()).isEqualTo(400);

    String stranger =
        new CheckpointSigner("stranger.example", OPERATOR)
            .sign(1, dev.swarmledger.protocol.merkle.MerkleHash.leaf(new byte[] {1}));
    assertThat(post(w, new AddCheckpointRequest(0, List.of(), stranger).encode()).status())
        .isEqualTo(404);

    String impostor =
        new CheckpointSigner(ORIGIN, TestTransactions.key(99))
            .sign(1, dev.swarmledger.protocol.merkle.MerkleHash.leaf(new byte[] {1}));
    NodeHttp.Reply forbidden = post(w, new AddCheckpointRequest(1, List.of(), impostor).encode());
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.json().path("error").path("code").asText())
        .isEqualTo("checkpoint_not_signed");

    assertThat(post(w, "old 1\ngarbage\n\n" + one).status()).isEqualTo(400);
    assertThat(w.get("/v1/witness/" + "0".repeat(64) + "/checkpoint").status()).isEqualTo(404);
  }

  @Test
  void theHeldCheckpointSurvivesARestart() {
    witness = startWitness();
    honest = startNode("honest");
    register(honest, "alice");
    awaitCheckpoint(honest, n -> size(n) == 2 && cosigned(n));
    honest.close();
    honest = null;
    witness.close();
    witness = startWitness();
    NodeHttp w = new NodeHttp(witness.url().replace("/v1/witness", ""));
    CheckpointSigner log = new CheckpointSigner(ORIGIN, OPERATOR);
    NodeHttp.Reply conflict =
        post(
            w,
            new AddCheckpointRequest(
                    0, List.of(), log.sign(1, dev.swarmledger.protocol.merkle.MerkleHash.empty()))
                .encode());
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.text()).isEqualTo("2\n");
  }

  @Test
  void aRestartedNodeLearnsTheWitnessSizeFromA409AndCatchesUp() {
    witness = startWitness();
    WitnessEndpoint w = new WitnessEndpoint(java.net.URI.create(witness.url()), witnessKey.key());
    NodeConfig config =
        NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", 0, OPERATOR)
            .withWitnesses(List.of(w));
    honest = LedgerNode.start(config);
    register(honest, "alice");
    awaitCheckpoint(honest, n -> size(n) == 2 && cosigned(n));
    honest.close();
    // The restarted node does not know what the witness holds: it sends "old 0", gets 409 "2",
    // and retries with a proof from size 2.
    honest = LedgerNode.start(config);
    register(honest, "bob");
    String note = awaitCheckpoint(honest, n -> size(n) == 3 && cosigned(n));
    assertThat(new CheckpointVerifier(logKey).verify(note).size()).isEqualTo(3);
  }

  private static NodeHttp.Reply post(NodeHttp w, String body) {
    return w.send(
        "POST", "/v1/witness/add-checkpoint", body.getBytes(StandardCharsets.UTF_8), null);
  }
}
