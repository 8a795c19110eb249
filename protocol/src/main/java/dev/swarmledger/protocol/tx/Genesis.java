package dev.swarmledger.protocol.tx;

import dev.swarmledger.protocol.crypto.PublicKey;

/**
 * Leaf 0: the operator's key, the log's checkpoint origin and the policy numbers.
 *
 * @param origin the checkpoint origin line (and note signer name) of this log
 */
public record Genesis(PublicKey operator, String origin, Policy policy) implements TxBody {
  @Override
  public TxType type() {
    return TxType.GENESIS;
  }
}
