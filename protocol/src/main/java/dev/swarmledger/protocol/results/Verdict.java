package dev.swarmledger.protocol.results;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A verifier's judgement of a re-run. Each verdict states its meaning, so the rules branch on what
 * a verdict says rather than on a list of names, and a new verdict must declare where it belongs.
 */
public enum Verdict {
  /** Same parameter hash and val_bpb bits: the claim is reproduced exactly. */
  EXACT(Stance.AGREES, Basis.MEASURED),
  /** Another hardware class, val_bpb within the track's tolerance. */
  WITHIN_TOLERANCE(Stance.AGREES, Basis.MEASURED),
  /** The re-run's numbers contradict the claim. */
  MISMATCH(Stance.DISAGREES, Basis.MEASURED),
  /** The re-run counted more training FLOPs than the track's budget allows. */
  OVER_BUDGET(Stance.DISAGREES, Basis.MEASURED),
  /** The re-run could not complete (refused source, crash, timeout). */
  FAILED(Stance.DISAGREES, Basis.REASONED);

  /** Whether the verdict confirms the claimed result. */
  enum Stance {
    AGREES,
    DISAGREES
  }

  /**
   * {@code MEASURED} verdicts follow from the attested numbers by {@link VerdictRule}, and the
   * state machine recomputes them; {@code REASONED} ones cannot be recomputed and need a reason.
   */
  enum Basis {
    MEASURED,
    REASONED
  }

  private final Stance stance;
  private final Basis basis;

  Verdict(Stance stance, Basis basis) {
    this.stance = stance;
    this.basis = basis;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the verdicts that confirm the claimed result. */
  public boolean agrees() {
    return stance == Stance.AGREES;
  }

  /** True when the verdict follows from the attested numbers (the state machine checks it). */
  public boolean measured() {
    return basis == Basis.MEASURED;
  }

  /** True when the verifier must say why: the numbers cannot show it. */
  public boolean needsReason() {
    return basis == Basis.REASONED;
  }

  public static Optional<Verdict> fromWire(String s) {
    return Arrays.stream(values()).filter(v -> v.wireName().equals(s)).findFirst();
  }
}
