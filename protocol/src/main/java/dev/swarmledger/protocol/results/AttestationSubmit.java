package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxType;
import java.util.List;
import java.util.Optional;

/**
 * A verifier's signed verdict on a result it re-ran, with what its own run measured.
 *
 * @param weightsSha256 SHA-256 of the verifier's own final parameter file, when it kept one: equal
 *     to the result's published weights exactly when the re-run reproduced the same model file
 */
public record AttestationSubmit(
    long result,
    Verdict verdict,
    double valBpb,
    long flops,
    Hash finalParamHash,
    List<Hash> segmentHashes,
    double wallSeconds,
    String hardwareClass,
    Optional<String> reason,
    Optional<Hash> weightsSha256)
    implements TxBody {
  public AttestationSubmit {
    segmentHashes = List.copyOf(segmentHashes);
  }

  /** An attestation that reports no parameter file. */
  public AttestationSubmit(
      long result,
      Verdict verdict,
      double valBpb,
      long flops,
      Hash finalParamHash,
      List<Hash> segmentHashes,
      double wallSeconds,
      String hardwareClass,
      Optional<String> reason) {
    this(
        result,
        verdict,
        valBpb,
        flops,
        finalParamHash,
        segmentHashes,
        wallSeconds,
        hardwareClass,
        reason,
        Optional.empty());
  }

  @Override
  public TxType type() {
    return TxType.ATTESTATION_SUBMIT;
  }
}
