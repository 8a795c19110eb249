package dev.swarmledger.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9162 boundary rules for proof requests and proof verification. */
class MerkleEdgeCasesTest {
  private static MemoryTreeNodes tree(int size) {
    MemoryTreeNodes tree = new MemoryTreeNodes();
    for (int i = 0; i < size; i++) {
      tree.append(MerkleHash.leaf(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    return tree;
  }

  @Test
  void emptyTree() {
    MemoryTreeNodes empty = tree(0);
    assertThat(empty.size()).isZero();
    assertThat(empty.root()).isEqualTo(Hash.sha256());
    assertThat(MerkleProofs.root(empty, 0)).isEqualTo(Hash.sha256());
    assertThat(CompactRange.restore(0, empty).root()).isEqualTo(Hash.sha256());
    assertThatThrownBy(() -> MerkleProofs.inclusion(empty, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new InclusionProof(0, 0, List.of()).verify(Hash.sha256(), Hash.sha256())).isFalse();
  }

  @Test
  void inclusionIndexMustBeBelowSize() {
    MemoryTreeNodes tree = tree(5);
    assertThatThrownBy(() -> MerkleProofs.inclusion(tree, 5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index");
    assertThatThrownBy(() -> MerkleProofs.inclusion(tree, 7, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.inclusion(tree, -1, 5))
        .isInstanceOf(IllegalArgumentException.class);

    Hash leaf = tree.node(0, 4);
    List<Hash> path = MerkleProofs.inclusion(tree, 4, 5);
    assertThat(new InclusionProof(4, 5, path).verify(leaf, tree.root())).isTrue();
    assertThat(new InclusionProof(5, 5, path).verify(leaf, tree.root())).isFalse();
    assertThat(new InclusionProof(6, 5, path).verify(leaf, tree.root())).isFalse();
  }

  @Test
  void singleLeafTreeHasEmptyInclusionPath() {
    MemoryTreeNodes tree = tree(1);
    assertThat(MerkleProofs.inclusion(tree, 0, 1)).isEmpty();
    assertThat(new InclusionProof(0, 1, List.of()).verify(tree.node(0, 0), tree.root())).isTrue();
    assertThat(new InclusionProof(0, 1, List.of(tree.root())).verify(tree.node(0, 0), tree.root()))
        .isFalse();
  }

  @Test
  void inclusionProofOfWrongLengthFails() {
    MemoryTreeNodes tree = tree(13);
    for (long index = 0; index < 13; index++) {
      List<Hash> path = MerkleProofs.inclusion(tree, index, 13);
      Hash leaf = tree.node(0, index);
      assertThat(new InclusionProof(index, 13, path).verify(leaf, tree.root())).isTrue();
      assertThat(
              new InclusionProof(index, 13, path.subList(0, path.size() - 1))
                  .verify(leaf, tree.root()))
          .as("too short, index %d", index)
          .isFalse();
      List<Hash> longer = new ArrayList<>(path);
      longer.add(tree.root());
      assertThat(new InclusionProof(index, 13, longer).verify(leaf, tree.root()))
          .as("too long, index %d", index)
          .isFalse();
    }
  }

  @Test
  void consistencyFromEqualsToIsEmpty() {
    MemoryTreeNodes tree = tree(6);
    for (long n = 1; n <= 6; n++) {
      assertThat(MerkleProofs.consistency(tree, n, n)).isEmpty();
      Hash root = MerkleProofs.root(tree, n);
      assertThat(new ConsistencyProof(n, n, List.of()).verify(root, root)).isTrue();
      assertThat(new ConsistencyProof(n, n, List.of(root)).verify(root, root)).isFalse();
      assertThat(new ConsistencyProof(n, n, List.of()).verify(root, Hash.sha256())).isFalse();
    }
  }

  @Test
  void consistencyFromZeroIsNotAProof() {
    MemoryTreeNodes tree = tree(4);
    assertThatThrownBy(() -> MerkleProofs.consistency(tree, 0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < from");
    assertThatThrownBy(() -> MerkleProofs.consistency(tree, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    Hash empty = Hash.sha256();
    assertThat(new ConsistencyProof(0, 4, List.of()).verify(empty, tree.root())).isFalse();
    assertThat(new ConsistencyProof(0, 0, List.of()).verify(empty, empty)).isFalse();
  }

  @Test
  void consistencyFromAboveToIsRefused() {
    MemoryTreeNodes tree = tree(4);
    assertThatThrownBy(() -> MerkleProofs.consistency(tree, 4, 3))
        .isInstanceOf(IllegalArgumentException.class);
    Hash r3 = MerkleProofs.root(tree, 3);
    Hash r4 = tree.root();
    List<Hash> path = MerkleProofs.consistency(tree, 3, 4);
    assertThat(new ConsistencyProof(3, 4, path).verify(r3, r4)).isTrue();
    assertThat(new ConsistencyProof(4, 3, path).verify(r4, r3)).isFalse();
  }

  @Test
  void consistencyProofOfWrongLengthFails() {
    MemoryTreeNodes tree = tree(11);
    Hash to = tree.root();
    for (long from = 1; from < 11; from++) {
      Hash fromRoot = MerkleProofs.root(tree, from);
      List<Hash> path = MerkleProofs.consistency(tree, from, 11);
      assertThat(new ConsistencyProof(from, 11, path).verify(fromRoot, to)).isTrue();
      assertThat(new ConsistencyProof(from, 11, List.of()).verify(fromRoot, to)).isFalse();
      assertThat(
              new ConsistencyProof(from, 11, path.subList(0, path.size() - 1)).verify(fromRoot, to))
          .as("too short, from %d", from)
          .isFalse();
      List<Hash> longer = new ArrayList<>(path);
      longer.add(to);
      assertThat(new ConsistencyProof(from, 11, longer).verify(fromRoot, to))
          .as("too long, from %d", from)
          .isFalse();
    }
  }

  @Test
  void verifyNeverThrowsOnNulls() {
    assertThat(new InclusionProof(0, 1, List.of()).verify(null, Hash.sha256())).isFalse();
    assertThat(new InclusionProof(0, 1, List.of()).verify(Hash.sha256(), null)).isFalse();
    assertThat(new ConsistencyProof(1, 2, List.of(Hash.sha256())).verify(null, Hash.sha256()))
        .isFalse();
    assertThat(new ConsistencyProof(1, 2, List.of(Hash.sha256())).verify(Hash.sha256(), null))
        .isFalse();
  }

  @Test
  void proofsAreImmutableAndRejectNegativeNumbers() {
    List<Hash> path = new ArrayList<>(List.of(Hash.sha256()));
    InclusionProof proof = new InclusionProof(0, 2, path);
    path.clear();
    assertThat(proof.path()).hasSize(1);
    assertThatThrownBy(() -> proof.path().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new InclusionProof(-1, 2, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConsistencyProof(1, -2, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendReportsEveryNewPerfectNode() {
    CompactRange range = new CompactRange();
    Hash a = MerkleHash.leaf(new byte[] {0});
    Hash b = MerkleHash.leaf(new byte[] {1});
    Hash c = MerkleHash.leaf(new byte[] {2});
    Hash d = MerkleHash.leaf(new byte[] {3});
    assertThat(range.append(a)).containsExactly(new TreeNode(0, 0, a));
    Hash ab = MerkleHash.node(a, b);
    assertThat(range.append(b)).containsExactly(new TreeNode(0, 1, b), new TreeNode(1, 0, ab));
    assertThat(range.append(c)).containsExactly(new TreeNode(0, 2, c));
    Hash cd = MerkleHash.node(c, d);
    assertThat(range.append(d))
        .containsExactly(
            new TreeNode(0, 3, d),
            new TreeNode(1, 1, cd),
            new TreeNode(2, 0, MerkleHash.node(ab, cd)));
    assertThat(range.size()).isEqualTo(4);
    assertThat(range.root()).isEqualTo(MerkleHash.node(ab, cd));
  }

  @Test
  void memoryTreeRefusesNodesItDoesNotHave() {
    MemoryTreeNodes tree = tree(3);
    assertThat(tree.node(1, 0)).isNotNull();
    assertThatThrownBy(() -> tree.node(1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.node(2, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.node(0, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exhaustiveOverSmallTrees() {
    int max = 70;
    MemoryTreeNodes tree = tree(max);
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      leaves.add(tree.node(0, i));
    }
    for (int size = 1; size <= max; size++) {
      Hash root = ReferenceMerkle.root(leaves.subList(0, size));
      assertThat(MerkleProofs.root(tree, size)).isEqualTo(root);
      for (int index = 0; index < size; index++) {
        assertThat(InclusionProof.generate(tree, index, size).verify(leaves.get(index), root))
            .as("inclusion of %d in %d", index, size)
            .isTrue();
      }
      for (int from = 1; from <= size; from++) {
        Hash fromRoot = ReferenceMerkle.root(leaves.subList(0, from));
        assertThat(ConsistencyProof.generate(tree, from, size).verify(fromRoot, root))
            .as("consistency %d -> %d", from, size)
            .isTrue();
      }
    }
  }
}
