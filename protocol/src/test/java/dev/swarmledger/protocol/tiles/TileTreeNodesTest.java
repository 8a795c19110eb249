package dev.swarmledger.protocol.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import dev.swarmledger.protocol.merkle.TreeNodes;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TileTreeNodesTest {
  private static final int MAX = 70_000;
  private static final MemoryTreeNodes TREE = new MemoryTreeNodes();

  static {
    for (int i = 0; i < MAX; i++) {
      TREE.append(MerkleHash.leaf(("leaf " + i).getBytes()));
    }
  }

  /** Serves tiles the way the spec defines them, from a tree of {@code size} leaves. */
  static TileTreeNodes.TileSource tilesOf(TreeNodes tree, long size, List<TilePath> fetched) {
    return t -> {
      fetched.add(t);
      int level = 8 * t.level();
      long available = size >>> level;
      long first = t.index() * TilePath.WIDTH;
      assertThat(first + t.width()).isLessThanOrEqualTo(available);
      byte[] out = new byte[t.width() * Hash.LENGTH];
      for (int i = 0; i < t.width(); i++) {
        System.arraycopy(tree.node(level, first + i).bytes(), 0, out, i * Hash.LENGTH, Hash.LENGTH);
      }
      return out;
    };
  }

  @Test
  void theSpecsExampleTreeOf70000() {
    List<TilePath> fetched = new ArrayList<>();
    TileTreeNodes tiles = new TileTreeNodes(tilesOf(TREE, 70_000, fetched), 70_000);
    assertThat(tiles.tileFor(0, 272)).isEqualTo(TilePath.tile(0, 272, 256));
    assertThat(tiles.tileFor(0, 273)).isEqualTo(TilePath.tile(0, 273, 112));
    assertThat(tiles.tileFor(1, 0)).isEqualTo(TilePath.tile(1, 0, 256));
    assertThat(tiles.tileFor(1, 1)).isEqualTo(TilePath.tile(1, 1, 17));
    assertThat(tiles.tileFor(2, 0)).isEqualTo(TilePath.tile(2, 0, 1));
    assertThatThrownBy(() -> tiles.tileFor(0, 274)).isInstanceOf(IllegalArgumentException.class);
    assertThat(MerkleProofs.root(tiles, 70_000)).isEqualTo(MerkleProofs.root(TREE, 70_000));
    // The root needs a handful of tiles, not the 274 level-0 ones.
    assertThat(fetched.size()).isLessThan(8);
  }

  @Test
  void aTileOfTheWrongWidthIsRefused() {
    TileTreeNodes tiles = new TileTreeNodes(t -> new byte[32], 300);
    assertThatThrownBy(() -> tiles.node(0, 0)).hasMessageContaining("not 8192");
  }

  @Property(tries = 150)
  void proofsFromTilesEqualProofsFromTheTree(
      @ForAll @IntRange(min = 1, max = MAX) int size,
      @ForAll @IntRange(min = 0, max = MAX) int i,
      @ForAll @IntRange(min = 1, max = MAX) int from) {
    long index = i % size;
    long m = 1 + (from - 1) % size;
    TileTreeNodes tiles = new TileTreeNodes(tilesOf(TREE, size, new ArrayList<>()), size);
    assertThat(MerkleProofs.root(tiles, size)).isEqualTo(MerkleProofs.root(TREE, size));
    assertThat(MerkleProofs.inclusion(tiles, index, size))
        .isEqualTo(MerkleProofs.inclusion(TREE, index, size));
    assertThat(MerkleProofs.consistency(tiles, m, size))
        .isEqualTo(MerkleProofs.consistency(TREE, m, size));
  }
}
