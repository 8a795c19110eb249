package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** Operator grants an account the verifier role for a hardware class (e.g. {@code cpu-x86_64}). */
public record VerifierGrant(PublicKey account, String hardwareClass) implements TxBody {
  @Override
  public TxType type() {
    return TxType.VERIFIER_GRANT;
  }
}
