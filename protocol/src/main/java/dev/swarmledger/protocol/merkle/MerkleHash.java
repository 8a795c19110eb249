package dev.swarmledger.protocol.merkle;

import dev.swarmledger.protocol.crypto.Hash;

/**
 * The hash functions of an RFC 9162 §2.1 Merkle tree, with the leaf/node prefixes that prevent
 * second preimages.
 */
public final class MerkleHash {
  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] NODE_PREFIX = {0x01};
  private static final Hash EMPTY = Hash.sha256();

  private MerkleHash() {}

  /** SHA-256(0x00 || leaf). */
  public static Hash leaf(byte[] leafBytes) {
    return Hash.sha256(LEAF_PREFIX, leafBytes);
  }

  /** SHA-256(0x01 || left || right). */
  public static Hash node(Hash left, Hash right) {
    return Hash.sha256(NODE_PREFIX, left.bytes(), right.bytes());
  }

  /** The root of the empty tree: SHA-256 of no bytes. */
  public static Hash empty() {
    return EMPTY;
  }
}
