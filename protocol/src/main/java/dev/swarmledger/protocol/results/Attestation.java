package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.util.List;
import java.util.Optional;

/** One verifier's recorded verdict on a result. */
public record Attestation(
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
  public Attestation {
    segmentHashes = List.copyOf(segmentHashes);
  }
}
