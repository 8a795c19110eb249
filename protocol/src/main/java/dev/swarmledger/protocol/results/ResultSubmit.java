package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.OptionalLong;

/** A finished run: full source, seed, steps and the run's measurements, for verifiers to replay. */
public record ResultSubmit(
    String track,
    OptionalLong claim,
    OptionalLong parent,
    long seed,
    long steps,
    String source,
    Hash sourceSha256,
    RunSummary run)
    implements TxBody {
  @Override
  public TxType type() {
    return TxType.RESULT_SUBMIT;
  }
}
