package dev.swarmledger.protocol.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import dev.swarmledger.protocol.witness.WitnessRules.Refusal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitnessRulesTest {
  private static final String ORIGIN = "log.example";
  private final CheckpointSigner log = new CheckpointSigner(ORIGIN, SigningKey.fromSeed(seed(1)));
  private final List<NoteVerifierKey> trusted = List.of(log.verifierKey());
  private final MemoryTreeNodes tree = tree("honest", 20);
  private final MemoryTreeNodes fork = tree("fork", 20);

  private static MemoryTreeNodes tree(String tag, int n) {
    MemoryTreeNodes t = new MemoryTreeNodes();
    for (int i = 0; i < n; i++) {
      // the first 8 leaves are shared, then the two histories differ
      String leaf = i < 8 ? "leaf " + i : tag + " " + i;
      t.append(MerkleHash.leaf(leaf.getBytes()));
    }
    return t;
  }

  private Checkpoint at(MemoryTreeNodes t, long size) {
    return new Checkpoint(ORIGIN, size, MerkleProofs.root(t, size));
  }

  private String note(MemoryTreeNodes t, long size) {
    return log.sign(size, MerkleProofs.root(t, size));
  }

  private WitnessRules.Verdict judge(
      long old, List<Hash> proof, String note, Optional<Checkpoint> held) {
    return WitnessRules.judge(new AddCheckpointRequest(old, proof, note), trusted, held);
  }

  @Test
  void firstCheckpointNeedsNoProof() {
    assertThat(judge(0, List.of(), note(tree, 10), Optional.empty()).accepted())
        .contains(at(tree, 10));
    assertThat(judge(0, List.of(Hash.sha256()), note(tree, 10), Optional.empty()).refusal())
        .contains(Refusal.INCONSISTENT);
  }

  @Test
  void growsOnlyWithAValidConsistencyProof() {
    Optional<Checkpoint> held = Optional.of(at(tree, 10));
    List<Hash> proof = MerkleProofs.consistency(tree, 10, 15);
    assertThat(judge(10, proof, note(tree, 15), held).isAccepted()).isTrue();
    assertThat(judge(10, proof.subList(1, proof.size()), note(tree, 15), held).refusal())
        .contains(Refusal.INCONSISTENT);
  }

  @Test
  void aForkSignedByTheSameKeyIsRefused() {
    // The split view: the operator key signs a second history that shares only leaves 0..7.
    Optional<Checkpoint> held = Optional.of(at(tree, 10));
    List<Hash> forkProof = MerkleProofs.consistency(fork, 10, 15);
    WitnessRules.Verdict v = judge(10, forkProof, note(fork, 15), held);
    assertThat(v.refusal()).contains(Refusal.INCONSISTENT);
    // Same size, other root.
    assertThat(judge(10, List.of(), note(fork, 10), held).refusal()).contains(Refusal.INCONSISTENT);
    // Same size, same root: cosigned again (a log re-fetching its cosignature).
    assertThat(judge(10, List.of(), note(tree, 10), held).isAccepted()).isTrue();
  }

  @Test
  void wrongOldSizeAnswersTheSizeHeld() {
    WitnessRules.Verdict v = judge(0, List.of(), note(tree, 15), Optional.of(at(tree, 10)));
    assertThat(v.refusal()).contains(Refusal.OLD_SIZE_MISMATCH);
    assertThat(v.heldSize()).hasValue(10);
    assertThat(judge(5, List.of(), note(tree, 15), Optional.empty()).heldSize()).hasValue(0);
  }

  @Test
  void rollbackIsRefused() {
    assertThat(judge(10, List.of(), note(tree, 8), Optional.of(at(tree, 10))).refusal())
        .contains(Refusal.BAD_REQUEST);
  }

  @Test
  void unknownLogAndUntrustedSignature() {
    CheckpointSigner stranger = new CheckpointSigner("other.example", SigningKey.fromSeed(seed(2)));
    assertThat(
            WitnessRules.judge(
                    new AddCheckpointRequest(0, List.of(), stranger.sign(1, Hash.sha256())),
                    List.of(),
                    Optional.empty())
                .refusal())
        .contains(Refusal.UNKNOWN_LOG);
    // Another key under the log's name: its line is ignored, so no trusted signature remains.
    CheckpointSigner impostor = new CheckpointSigner(ORIGIN, SigningKey.fromSeed(seed(3)));
    assertThat(
            judge(0, List.of(), impostor.sign(10, at(tree, 10).root()), Optional.empty()).refusal())
        .contains(Refusal.NOT_SIGNED);
  }

  @Test
  void emptyTreeMustHaveTheEmptyRoot() {
    assertThat(judge(0, List.of(), log.sign(0, MerkleHash.empty()), Optional.empty()).isAccepted())
        .isTrue();
    assertThat(
            judge(0, List.of(), log.sign(0, Hash.sha256(new byte[] {1})), Optional.empty())
                .refusal())
        .contains(Refusal.INCONSISTENT);
  }

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    s[0] = (byte) b;
    return s;
  }
}
