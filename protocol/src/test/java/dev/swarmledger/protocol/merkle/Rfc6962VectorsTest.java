package dev.swarmledger.protocol.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.protocol.Vectors;
import dev.swarmledger.protocol.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 6962 / 9162 tree of 8 leaves used by certificate-transparency-go and
 * transparency-dev/merkle.
 */
class Rfc6962VectorsTest {
  private static final JsonNode V = Vectors.load("rfc6962-merkle.json");
  private static final MemoryTreeNodes TREE = new MemoryTreeNodes();

  @BeforeAll
  static void buildTree() {
    for (JsonNode leaf : V.get("leaves")) {
      TREE.append(MerkleHash.leaf(Vectors.hex(leaf)));
    }
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>();
    array.forEach(h -> out.add(Hash.fromHex(h.asText())));
    return out;
  }

  private static Hash rootOf(long size) {
    return Hash.fromHex(V.get("roots_by_size").get(Long.toString(size)).asText());
  }

  @Test
  void leafHashes() {
    JsonNode leaves = V.get("leaves");
    JsonNode expected = V.get("leaf_hashes");
    assertThat(leaves).hasSize(8);
    assertThat(expected).hasSize(leaves.size());
    for (int i = 0; i < leaves.size(); i++) {
      assertThat(MerkleHash.leaf(Vectors.hex(leaves.get(i))).hex())
          .as("leaf %d", i)
          .isEqualTo(expected.get(i).asText());
      assertThat(TREE.node(0, i).hex()).isEqualTo(expected.get(i).asText());
    }
  }

  @Test
  void emptyRoot() {
    assertThat(MerkleHash.empty().hex()).isEqualTo(V.get("empty_root").asText());
    assertThat(new CompactRange().root().hex()).isEqualTo(V.get("empty_root").asText());
    assertThat(MerkleProofs.root(TREE, 0).hex()).isEqualTo(V.get("empty_root").asText());
  }

  @Test
  void everyRootBySize() {
    var roots = V.get("roots_by_size");
    assertThat(roots).hasSize(9);
    CompactRange range = new CompactRange();
    List<Hash> leafHashes = hashes(V.get("leaf_hashes"));
    for (Map.Entry<String, JsonNode> entry :
        (Iterable<Map.Entry<String, JsonNode>>) roots::fields) {
      int size = Integer.parseInt(entry.getKey());
      String expected = entry.getValue().asText();
      assertThat(MerkleProofs.root(TREE, size).hex()).as("size %d", size).isEqualTo(expected);
      assertThat(CompactRange.restore(size, TREE).root().hex()).isEqualTo(expected);
      assertThat(ReferenceMerkle.root(leafHashes.subList(0, size)).hex()).isEqualTo(expected);
    }
    for (int size = 0; size <= 8; size++) {
      assertThat(range.root()).isEqualTo(rootOf(size));
      if (size < 8) {
        range.append(leafHashes.get(size));
      }
    }
  }

  static Stream<JsonNode> inclusion() {
    return StreamSupport.stream(V.get("inclusion").spliterator(), false);
  }

  static Stream<JsonNode> consistency() {
    return StreamSupport.stream(V.get("consistency").spliterator(), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusion")
  void inclusionProof(JsonNode c) {
    long index = c.get("index").asLong();
    long size = c.get("size").asLong();
    List<Hash> path = hashes(c.get("path"));
    assertThat(MerkleProofs.inclusion(TREE, index, size)).isEqualTo(path);
    InclusionProof proof = new InclusionProof(index, size, path);
    assertThat(proof.verify(TREE.node(0, index), rootOf(size))).isTrue();
    assertThat(InclusionProof.generate(TREE, index, size)).isEqualTo(proof);
    // Same proof, other leaf: must fail.
    assertThat(proof.verify(TREE.node(0, (index + 1) % 8), rootOf(size))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistency")
  void consistencyProof(JsonNode c) {
    long from = c.get("from").asLong();
    long to = c.get("to").asLong();
    List<Hash> path = hashes(c.get("path"));
    assertThat(MerkleProofs.consistency(TREE, from, to)).isEqualTo(path);
    ConsistencyProof proof = new ConsistencyProof(from, to, path);
    assertThat(proof.verify(rootOf(from), rootOf(to))).isTrue();
    assertThat(ConsistencyProof.generate(TREE, from, to)).isEqualTo(proof);
    if (from != to) {
      assertThat(proof.verify(rootOf(to), rootOf(to))).isFalse();
      assertThat(proof.verify(rootOf(from), rootOf(from))).isFalse();
    }
  }

  @Test
  void vectorsCoverTheCasesWeExpect() {
    assertThat(V.get("inclusion")).hasSize(5);
    assertThat(V.get("consistency")).hasSize(5);
  }
}
