package dev.swarmledger.protocol.tiles;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.TreeNodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The perfect subtrees of a tree of {@code size} leaves, read from C2SP tlog tiles: what a client
 * that has only the tiles computes roots and proofs from (with {@link
 * dev.swarmledger.protocol.merkle.MerkleProofs}). Nodes between tile levels are rehashed from the
 * tile below. Each tile is fetched at most once, at the width that {@code size} implies.
 */
public final class TileTreeNodes implements TreeNodes {
  /** Where tiles come from (HTTP, a folder, memory): the raw bytes of one tile. */
  @FunctionalInterface
  public interface TileSource {
    byte[] read(TilePath tile);
  }

  private final TileSource source;
  private final long size;
  private final Map<TilePath, List<Hash>> tiles = new HashMap<>();

  public TileTreeNodes(TileSource source, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    this.source = source;
    this.size = size;
  }

  /** The tile at {@code level} and {@code index} as it must exist for this tree size. */
  public TilePath tileFor(int level, long index) {
    int shift = 8 * level;
    long fullTiles = shift + 8 >= 63 ? 0 : size >>> (shift + 8);
    if (index < fullTiles) {
      return TilePath.tile(level, index, TilePath.WIDTH);
    }
    long width = shift >= 63 ? 0 : (size >>> shift) & 0xFF;
    if (index != fullTiles || width == 0) {
      throw new IllegalArgumentException(
          "no tile " + level + "/" + index + " in a tree of size " + size);
    }
    return TilePath.tile(level, index, (int) width);
  }

  @Override
  public Hash node(int level, long index) {
    if (level < 0 || level > 62 || index < 0 || index >= (size >>> level)) {
      throw new IllegalArgumentException(
          "no perfect subtree " + level + "/" + index + " in a tree of size " + size);
    }
    int tileLevel = level / 8;
    int below = level % 8; // levels to rehash inside the tile
    long first = index << below; // first tile hash it covers, counted across the tile level
    List<Hash> hashes = hashes(tileFor(tileLevel, first / TilePath.WIDTH));
    int offset = (int) (first % TilePath.WIDTH);
    List<Hash> layer = new ArrayList<>(hashes.subList(offset, offset + (1 << below)));
    while (layer.size() > 1) {
      List<Hash> up = new ArrayList<>(layer.size() / 2);
      for (int i = 0; i < layer.size(); i += 2) {
        up.add(MerkleHash.node(layer.get(i), layer.get(i + 1)));
      }
      layer = up;
    }
    return layer.get(0);
  }

  /** The hashes of one tile, checked to be exactly as wide as its path says. */
  public List<Hash> hashes(TilePath tile) {
    List<Hash> cached = tiles.get(tile);
    if (cached != null) {
      return cached;
    }
    byte[] bytes = source.read(tile);
    if (bytes.length != tile.width() * Hash.LENGTH) {
      throw new IllegalArgumentException(
          tile.path() + " is " + bytes.length + " bytes, not " + tile.width() * Hash.LENGTH);
    }
    List<Hash> hashes = new ArrayList<>(tile.width());
    for (int i = 0; i < tile.width(); i++) {
      byte[] h = new byte[Hash.LENGTH];
      System.arraycopy(bytes, i * Hash.LENGTH, h, 0, Hash.LENGTH);
      hashes.add(Hash.of(h));
    }
    List<Hash> kept = List.copyOf(hashes);
    tiles.put(tile, kept);
    return kept;
  }

  public long size() {
    return size;
  }
}
