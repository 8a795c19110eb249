package dev.swarmledger.node.storage;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Merkle node hash to store with an append: the hash of the perfect subtree of {@code 2^level}
 * leaves starting at leaf {@code index * 2^level} (level 0 is a leaf hash).
 */
public record NodeWrite(int level, long index, byte[] hash) {
  /** SHA-256, the only hash of RFC 9162 trees. */
  public static final int HASH_BYTES = 32;

  /** Levels above 62 would describe subtrees of 2^63 leaves or more, beyond a {@code long} size. */
  public static final int MAX_LEVEL = 62;

  public NodeWrite {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "node level must be in 0.." + MAX_LEVEL + ", got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("node index must be >= 0, got " + index);
    }
    Objects.requireNonNull(hash, "hash");
    if (hash.length != HASH_BYTES) {
      throw new IllegalArgumentException(
          "node hash must be " + HASH_BYTES + " bytes, got " + hash.length);
    }
    hash = hash.clone();
  }

  /** A copy of the hash, so the record stays immutable. */
  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeWrite that
        && level == that.level
        && index == that.index
        && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(level, index, Arrays.hashCode(hash));
  }

  @Override
  public String toString() {
    return "NodeWrite[level="
        + level
        + ", index="
        + index
        + ", hash="
        + HexFormat.of().formatHex(hash)
        + "]";
  }
}
