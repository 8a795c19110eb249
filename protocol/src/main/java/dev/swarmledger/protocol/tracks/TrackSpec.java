package dev.swarmledger.protocol.tracks;

import java.util.Optional;

/**
 * A research track: the fixed workload that results on it are compared under.
 *
 * @param id short name, e.g. {@code shakespeare-char}
 * @param workload the trainer workload id the verifiers run
 * @param budgetFlops the training FLOPs a result may spend, as the trusted harness counts them (the
 *     model, batch and step count are the experiment's choice within it)
 * @param tolerance largest |Δ val_bpb| accepted between different hardware classes (for an ordinary
 *     result; a best is only ever confirmed bit for bit on its own class)
 * @param minImprovement how much a verified result must beat the best by to replace it; always
 *     above the tolerance, so no cross-class noise can pass for an improvement
 * @param ordinaryQuorum agreeing attestations an ordinary result needs
 * @param bestQuorum agreeing attestations (from distinct verifiers) a new best needs
 * @param split the exact train/validation cut in bytes; empty means the workload's own (for {@code
 *     gpt-bytes}: the first 90% train, the rest validate)
 */
public record TrackSpec(
    String id,
    String workload,
    DataSetRef data,
    long budgetFlops,
    double tolerance,
    double minImprovement,
    int ordinaryQuorum,
    int bestQuorum,
    Optional<ByteSplit> split) {

  public TrackSpec {
    if (budgetFlops < 1 || tolerance < 0 || minImprovement < 0) {
      throw new IllegalArgumentException(
          "track budget must be positive, tolerance and min_improvement >= 0");
    }
    if (!(tolerance < minImprovement)) {
      throw new IllegalArgumentException(
          "tolerance (" + tolerance + ") must be below min_improvement (" + minImprovement + ")");
    }
    if (ordinaryQuorum < 1 || bestQuorum < 2 || ordinaryQuorum > bestQuorum) {
      throw new IllegalArgumentException(
          "quorums must satisfy 1 <= ordinary <= best and best >= 2");
    }
    if (split.isPresent() && split.get().usedBytes() > data.bytes()) {
      throw new IllegalArgumentException(
          "the split reads " + split.get().usedBytes() + " bytes of " + data.bytes());
    }
  }

  /** A track whose split is its workload's own. */
  public TrackSpec(
      String id,
      String workload,
      DataSetRef data,
      long budgetFlops,
      double tolerance,
      double minImprovement,
      int ordinaryQuorum,
      int bestQuorum) {
    this(
        id,
        workload,
        data,
        budgetFlops,
        tolerance,
        minImprovement,
        ordinaryQuorum,
        bestQuorum,
        Optional.empty());
  }

  public TrackSpec withBudgetFlops(long flops) {
    return new TrackSpec(
        id, workload, data, flops, tolerance, minImprovement, ordinaryQuorum, bestQuorum, split);
  }
}
