package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;

/** Operator takes the worker role back; a job it holds is offered again. */
public record WorkerRevoke(PublicKey account) implements TxBody {
  @Override
  public TxType type() {
    return TxType.WORKER_REVOKE;
  }
}
