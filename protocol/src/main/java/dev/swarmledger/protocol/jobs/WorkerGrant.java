package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** Operator grants an account the worker role for a measured hardware class. */
public record WorkerGrant(PublicKey account, String hardwareClass) implements TxBody {
  @Override
  public TxType type() {
    return TxType.WORKER_GRANT;
  }
}
