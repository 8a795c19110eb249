package dev.swarmledger.protocol.tracks;

/**
 * A research track: the fixed workload that results on it are compared under.
 *
 * @param id short name, e.g. {@code shakespeare-char}
 * @param workload the trainer workload id the verifiers run
 * @param budgetSteps most optimisation steps a result may use
 * @param tolerance largest |Δ val_bpb| accepted between different hardware classes
 * @param minImprovement how much a result must beat the best by to replace it (the noise floor)
 * @param ordinaryQuorum agreeing attestations an ordinary result needs
 * @param bestQuorum agreeing attestations (from distinct verifiers) a new best needs
 */
public record TrackSpec(
    String id,
    String workload,
    DataSetRef data,
    long budgetSteps,
    double tolerance,
    double minImprovement,
    int ordinaryQuorum,
    int bestQuorum) {

  public TrackSpec {
    if (budgetSteps < 1 || tolerance < 0 || minImprovement < 0) {
      throw new IllegalArgumentException(
          "track budget must be positive, tolerance and min_improvement >= 0");
    }
    if (ordinaryQuorum < 1 || bestQuorum < 2 || ordinaryQuorum > bestQuorum) {
      throw new IllegalArgumentException(
          "quorums must satisfy 1 <= ordinary <= best and best >= 2");
    }
  }
}
