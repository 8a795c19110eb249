package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.Hash;

/**
 * What a re-run's numbers say about a claimed run, the one rule both the verifier (to choose its
 * verdict) and the state machine (to refuse an inconsistent one) apply: the same parameter hash and
 * val_bpb bits is {@code exact}; on another hardware class a val_bpb within the track's tolerance
 * is {@code within_tolerance}; anything else — including a different FLOP count, since the same job
 * always costs the same — is a {@code mismatch}.
 */
public final class VerdictRule {
  private VerdictRule() {}

  public static Verdict judge(
      RunSummary claimed,
      double valBpb,
      long flops,
      Hash finalParamHash,
      String hardwareClass,
      double tolerance) {
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
