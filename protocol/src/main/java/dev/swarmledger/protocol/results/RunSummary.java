package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.List;
import java.util.Optional;

/**
 * What a training run measured, as the trainer's run record states it: enough for a verifier to
 * replay the run and compare, and for the ledger to mint.
 *
 * @param sandbox how the run's untrusted code was contained ({@code bubblewrap}, or {@code none}
 *     for a contributor's development run); absent in records published before it was recorded
 */
public record RunSummary(
    double valBpb,
    long flops,
    long tokens,
    Hash finalParamHash,
    List<Hash> segmentHashes,
    double wallSeconds,
    String hardwareClass,
    String device,
    String libtorch,
    String dtype,
    int threads,
    List<Double> trainLoss,
    Optional<String> sandbox) {
  public RunSummary {
    segmentHashes = List.copyOf(segmentHashes);
    trainLoss = List.copyOf(trainLoss);
  }

  /** A summary that does not say how the run was contained. */
  public RunSummary(
      double valBpb,
      long flops,
      long tokens,
      Hash finalParamHash,
      List<Hash> segmentHashes,
      double wallSeconds,
      String hardwareClass,
      String device,
      String libtorch,
      String dtype,
      int threads,
      List<Double> trainLoss) {
    this(
        valBpb,
        flops,
        tokens,
        finalParamHash,
        segmentHashes,
        wallSeconds,
        hardwareClass,
        device,
        libtorch,
        dtype,
        threads,
        trainLoss,
        Optional.empty());
  }
}
