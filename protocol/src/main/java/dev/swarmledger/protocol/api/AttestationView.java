package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.results.Attestation;
import dev.swarmledger.protocol.results.Verdict;
import java.util.List;
import java.util.Optional;

/** One verifier's recorded verdict on a result, as the result's {@code attestations} list it. */
public record AttestationView(
    long index,
    PublicKey verifier,
    Verdict verdict,
    double valBpb,
    long flops,
    Hash finalParamHash,
    List<Hash> segmentHashes,
    double wallSeconds,
    String hardwareClass,
    Optional<String> reason,
    Optional<Hash> weightsSha256) {

  public AttestationView {
    segmentHashes = List.copyOf(segmentHashes);
  }

  public static AttestationView of(Attestation a) {
    return new AttestationView(
        a.index(),
        a.verifier(),
        a.verdict(),
        a.valBpb(),
        a.flops(),
        a.finalParamHash(),
        a.segmentHashes(),
        a.wallSeconds(),
        a.hardwareClass(),
        a.reason(),
        a.weightsSha256());
  }
}
