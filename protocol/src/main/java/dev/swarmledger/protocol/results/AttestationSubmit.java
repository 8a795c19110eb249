package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.List;
import java.util.Optional;

/** A verifier's signed verdict on a result it re-ran, with what its own run measured. */
public record AttestationSubmit(
    long result,
    Verdict verdict,
    double valBpb,
    long flops,
    Hash finalParamHash,
    List<Hash> segmentHashes,
    double wallSeconds,
    String hardwareClass,
    Optional<String> reason)
    implements TxBody {
  public AttestationSubmit {
    segmentHashes = List.copyOf(segmentHashes);
  }

  @Override
  public TxType type() {
    return TxType.ATTESTATION_SUBMIT;
  }
}
