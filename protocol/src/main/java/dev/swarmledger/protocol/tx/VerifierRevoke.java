package dev.swarmledger.protocol.tx;

import dev.swarmledger.protocol.crypto.PublicKey;

/** Operator removes the verifier role from an account. */
public record VerifierRevoke(PublicKey account) implements TxBody {
  @Override
  public TxType type() {
    return TxType.VERIFIER_REVOKE;
  }
}
