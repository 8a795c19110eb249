package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.List;

/**
 * What a training run measured, as the trainer's run record states it: enough for a verifier to
 * replay the run and compare, and for the ledger to mint.
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
    List<Double> trainLoss) {
  public RunSummary {
    segmentHashes = List.copyOf(segmentHashes);
    trainLoss = List.copyOf(trainLoss);
  }
}
