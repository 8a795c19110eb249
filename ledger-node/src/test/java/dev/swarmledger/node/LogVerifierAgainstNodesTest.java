package dev.swarmledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.CheckpointMemory;
import dev.swarmledger.client.audit.LogVerifier;
import dev.swarmledger.client.audit.VerificationFailure;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.Leaf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's auditor against real nodes: an honest log passes; a checkpoint by another key, a
 * rolled-back log and a forked log (same key, different leaves) are caught.
 */
class LogVerifierAgainstNodesTest {
  private static final SigningKey OPERATOR = TestTransactions.key(11);
  private static final SigningKey IMPOSTOR = TestTransactions.key(12);

  @TempDir Path dir;
  private final List<LedgerNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(LedgerNode::close);
  }

  /**
   * A fresh in-memory node signed by {@code key} holding genesis plus {@code names} registrations.
   */
  private LedgerNode node(SigningKey key, String... names) {
    LedgerNode n = LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, key));
    nodes.add(n);
    NodeHttp http = new NodeHttp(n.url());
    for (String name : names) {
      assertThat(
              http.postJson("/v1/tx", TestTransactions.register(TestTransactions.freshKey(), name))
                  .status())
          .isEqualTo(200);
    }
    return n;
  }

  private static NoteVerifierKey operatorKey() {
    return NoteVerifierKey.of(NodeConfig.DEFAULT_ORIGIN, OPERATOR.publicKey());
  }

  private static LogVerifier.Report verify(LedgerNode n, List<Checkpoint> seen)
      throws VerificationFailure {
    return new LogVerifier(new LedgerClient(n.url()), operatorKey())
        .verify(seen, leaf -> {}, line -> {});
  }

  @Test
  void anHonestNodePassesAndItsGrowthIsProvenConsistent() throws Exception {
    LedgerNode n = node(OPERATOR, "a", "b", "c", "d", "e");
    assertThat(new LedgerClient(n.url()).verifierKey()).isEqualTo(operatorKey().encode());
    List<Leaf> seenLeaves = new ArrayList<>();
    List<String> progress = new ArrayList<>();
    LogVerifier.Report first =
        new LogVerifier(new LedgerClient(n.url()), operatorKey())
            .verify(List.of(), seenLeaves::add, progress::add);
    assertThat(first.leaves()).isEqualTo(6);
    assertThat(first.inclusionProofs()).isEqualTo(6);
    assertThat(first.consistencyProofs()).isZero();
    assertThat(seenLeaves).extracting(Leaf::index).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(progress).isNotEmpty();

    NodeHttp http = new NodeHttp(n.url());
    for (String name : new String[] {"f", "g", "h"}) {
      http.postJson("/v1/tx", TestTransactions.register(TestTransactions.freshKey(), name));
    }
    LogVerifier.Report second = verify(n, List.of(first.checkpoint()));
    assertThat(second.leaves()).isEqualTo(9);
    assertThat(second.consistencyProofs()).isEqualTo(1);
    // The same checkpoint again is fine too (equal size, equal root).
    assertThat(verify(n, List.of(first.checkpoint(), second.checkpoint())).consistencyProofs())
        .isEqualTo(1);
  }

  @Test
  void rememberedCheckpointsFromCheckpointMemoryAreCheckedOnTheNextRun() throws Exception {
    LedgerNode n = node(OPERATOR, "a", "b");
    CheckpointMemory memory = new CheckpointMemory(dir.resolve("memory"));
    LogVerifier.Report r = verify(n, memory.checkpoints(operatorKey()));
    memory.pinKey(operatorKey().encode());
    memory.remember(r.checkpoint(), r.note());
    assertThat(memory.pinnedKey()).contains(operatorKey().encode());
    assertThat(memory.checkpoints(operatorKey())).containsExactly(r.checkpoint());

    new NodeHttp(n.url())
        .postJson("/v1/tx", TestTransactions.register(TestTransactions.freshKey(), "c"));
    assertThat(verify(n, memory.checkpoints(operatorKey())).consistencyProofs()).isEqualTo(1);
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsRefused() {
    LedgerNode impostor = node(IMPOSTOR, "a", "b");
    assertThatThrownBy(() -> verify(impostor, List.of()))
        .isInstanceOf(VerificationFailure.class)
        .hasMessageContaining("checkpoint signature does not verify");
  }

  @Test
  void aRolledBackLogIsCaught() throws Exception {
    LedgerNode original = node(OPERATOR, "a", "b", "c", "d", "e");
    Checkpoint seen = verify(original, List.of()).checkpoint();
    // Same key, fewer leaves: what a node restored from an old backup would serve.
    LedgerNode rolledBack = node(OPERATOR, "a", "b");
    assertThat(verify(rolledBack, List.of()).leaves()).isEqualTo(3); // fine on its own
    assertThatThrownBy(() -> verify(rolledBack, List.of(seen)))
        .isInstanceOf(VerificationFailure.class)
        .hasMessageContaining("log shrank");
  }

  @Test
  void aForkAtTheSameSizeIsCaught() throws Exception {
    LedgerNode original = node(OPERATOR, "a", "b", "c");
    Checkpoint seen = verify(original, List.of()).checkpoint();
    LedgerNode fork = node(OPERATOR, "x", "y", "z");
    assertThat(verify(fork, List.of()).checkpoint().size()).isEqualTo(seen.size());
    assertThatThrownBy(() -> verify(fork, List.of(seen)))
        .isInstanceOf(VerificationFailure.class)
        .hasMessageContaining("fork");
  }

  @Test
  void aForkThatGrewBeyondTheSeenCheckpointIsCaughtByTheConsistencyProof() throws Exception {
    LedgerNode original = node(OPERATOR, "a", "b", "c");
    Checkpoint seen = verify(original, List.of()).checkpoint();
    LedgerNode fork = node(OPERATOR, "a", "b", "x", "y", "z");
    assertThatThrownBy(() -> verify(fork, List.of(seen)))
        .isInstanceOf(VerificationFailure.class)
        .hasMessageContaining("consistency proof from size 4");
  }
}
