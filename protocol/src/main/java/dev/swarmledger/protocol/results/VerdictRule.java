package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;

/**
 * What a re-run's numbers say about a claimed run, the one rule both the verifier (to choose its
 * verdict) and the state machine (to refuse an inconsistent one) apply:
 *
 * <ul>
 *   <li>{@code over_budget}: the re-run counted more training FLOPs than the track allows;
 *   <li>{@code mismatch}: a different FLOP count (the same job always costs the same);
 *   <li>{@code exact}: the same final parameter hash and val_bpb bits;
 *   <li>{@code within_tolerance}: another hardware class, val_bpb within the track's tolerance;
 *   <li>{@code mismatch}: anything else.
 * </ul>
 */
public final class VerdictRule {
  private VerdictRule() {}

  public static Verdict judge(
      RunSummary claimed,
      double valBpb,
      long flops,
      Hash finalParamHash,
      String hardwareClass,
      double tolerance,
      long budgetFlops) {
    if (flops > budgetFlops) {
      return Verdict.OVER_BUDGET;
    }
    if (flops != claimed.flops()) {
      return Verdict.MISMATCH;
    }
    boolean sameBits = Double.doubleToLongBits(valBpb) == Double.doubleToLongBits(claimed.valBpb());
    if (finalParamHash.equals(claimed.finalParamHash()) && sameBits) {
      return Verdict.EXACT;
    }
    boolean sameClass = hardwareClass.equals(claimed.hardwareClass());
    if (!sameClass && Math.abs(valBpb - claimed.valBpb()) <= tolerance) {
      return Verdict.WITHIN_TOLERANCE;
    }
    return Verdict.MISMATCH;
  }
}
