package dev.swarmledger.protocol.anchors;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.regex.Pattern;

/**
 * Operator records that the log's checkpoint at {@code size} (Merkle root {@code root}) was posted
 * to an anchor contract: which chain, which contract, which transaction, in which block. Ethereum
 * values are written as Ethereum tools write them ({@code 0x}-prefixed), in lowercase so that each
 * has one spelling.
 */
public record AnchorRecord(
    long chainId, String contract, String txHash, long blockNumber, long size, Hash root)
    implements TxBody {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
  private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-f]{64}");

  public AnchorRecord {
    if (chainId < 1) {
      throw new IllegalArgumentException("chain id must be positive");
    }
    if (!isAddress(contract)) {
      throw new IllegalArgumentException("contract must be 0x and 40 lowercase hex digits");
    }
    if (!isTxHash(txHash)) {
      throw new IllegalArgumentException("transaction hash must be 0x and 64 lowercase hex digits");
    }
    if (blockNumber < 0) {
      throw new IllegalArgumentException("block number must not be negative");
    }
    if (size < 1) {
      throw new IllegalArgumentException("an anchored tree size is at least 1");
    }
    if (root == null) {
      throw new IllegalArgumentException("root is required");
    }
  }

  public static boolean isAddress(String s) {
    return s != null && ADDRESS.matcher(s).matches();
  }

  public static boolean isTxHash(String s) {
    return s != null && TX_HASH.matcher(s).matches();
  }

  @Override
  public TxType type() {
    return TxType.ANCHOR_RECORD;
  }
}
