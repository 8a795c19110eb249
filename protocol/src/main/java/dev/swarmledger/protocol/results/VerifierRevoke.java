package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** Operator removes the verifier role from an account. */
public record VerifierRevoke(PublicKey account) implements TxBody {
  @Override
  public TxType type() {
    return TxType.VERIFIER_REVOKE;
  }
}
