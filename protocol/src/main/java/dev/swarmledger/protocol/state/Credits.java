package dev.swarmledger.protocol.state;

/** Credit arithmetic: 1 credit = 10^6 micro-credits = 10^15 FLOPs of verified compute. */
public final class Credits {
  /** FLOPs per micro-credit. */
  public static final long FLOPS_PER_MICRO = 1_000_000_000L;

  public static final long MICRO_PER_CREDIT = 1_000_000L;

  private Credits() {}

  /** Micro-credits earned by {@code flops} of verified compute (rounded down). */
  public static long forFlops(long flops) {
    return flops / FLOPS_PER_MICRO;
  }

  /** "12.345678" for display. */
  public static String format(long micro) {
    String sign = micro < 0 ? "-" : "";
    long abs = Math.abs(micro);
    return sign + (abs / MICRO_PER_CREDIT) + "." + String.format("%06d", abs % MICRO_PER_CREDIT);
  }
}
