package dev.swarmledger.protocol.tx;

import dev.swarmledger.protocol.crypto.Hash;
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
