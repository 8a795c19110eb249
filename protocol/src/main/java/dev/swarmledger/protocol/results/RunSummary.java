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
 * @param weightsSha256 SHA-256 of the run's final parameter file, the content-addressed blob that
 *     publishes the trained model; absent when the weights were not kept
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
    Optional<String> sandbox,
    Optional<Hash> weightsSha256) {
  public RunSummary {
    segmentHashes = List.copyOf(segmentHashes);
    trainLoss = List.copyOf(trainLoss);
  }

  /** A summary without published weights. */
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
      List<Double> trainLoss,
      Optional<String> sandbox) {
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
        sandbox,
        Optional.empty());
  }

  /** The same summary, publishing the weights blob {@code sha256}. */
  public RunSummary withWeights(Hash sha256) {
    return new RunSummary(
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
        sandbox,
        Optional.of(sha256));
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
