package dev.swarmledger.protocol.jobs;

import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.Transition;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The credit arithmetic of jobs: what FLOPs cost at a price, and how an ended job's escrow is paid
 * out. Every payout moves exactly the escrow: worker's pay + verifier's fee + refund = maximum.
 */
public final class JobSettlement {
  private static final BigInteger PER = BigInteger.TEN.pow(15);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private JobSettlement() {}

  /** Micro-credits for {@code flops} at {@code priceMicro} per 10^15 FLOPs, rounded down. */
  public static long cost(long flops, long priceMicro) {
    return BigInteger.valueOf(flops)
        .multiply(BigInteger.valueOf(priceMicro))
        .divide(PER)
        .min(LONG_MAX)
        .longValueExact();
  }

  /** {@code pay} plus a verifier's fee of {@code feePercent} percent of it, rounded down. */
  public static long withFee(long pay, long feePercent) {
    return BigInteger.valueOf(pay)
        .multiply(BigInteger.valueOf(100 + feePercent))
        .divide(BigInteger.valueOf(100))
        .min(LONG_MAX)
        .longValueExact();
  }

  /** The verifier's fee on {@code pay}, never more than what the escrow has left. */
  public static long fee(long pay, long feePercent, long left) {
    return Math.min(withFee(pay, feePercent) - pay, left);
  }

  /**
   * Pays out a completed job: the worker its counted FLOPs at the job's price (never more than the
   * escrow), the verifier that reproduced it its fee, the spender the rest.
   */
  static Job.Settlement payOut(Transition t, Job job, Optional<PublicKey> verifier) {
    Job.Completion c = job.completion().orElseThrow();
    long flops = c.output().flops();
    long pay = Math.min(cost(flops, job.priceMicro()), job.maxMicro());
    long fee =
        verifier.isPresent()
            ? fee(pay, t.state().policy().jobs().verifierFeePercent(), job.maxMicro() - pay)
            : 0;
    long refund = job.maxMicro() - pay - fee;
    release(t, job, refund);
    credit(t, c.worker(), pay);
    verifier.ifPresent(v -> credit(t, v, fee));
    return new Job.Settlement(
        t.index(), t.time(), Optional.of(c.worker()), pay, verifier, fee, refund, flops);
  }

  /** Ends {@code job} with its whole escrow back to the spender (cancelled or failed). */
  static void refund(Transition t, Job job, Job.Status status) {
    release(t, job, job.maxMicro());
    t.putJob(
        job.ended(
            status,
            new Job.Settlement(
                t.index(), t.time(), Optional.empty(), 0, Optional.empty(), 0, job.maxMicro(), 0)));
  }

  /** Takes the job's escrow off the spender's account, giving {@code refund} of it back. */
  private static void release(Transition t, Job job, long refund) {
    Account spender = t.state().requireAccount(job.spender());
    t.put(
        spender.withBalance(
            Math.addExact(spender.balance(), refund), spender.escrowed() - job.maxMicro()));
  }

  private static void credit(Transition t, PublicKey to, long micro) {
    Account a = t.state().requireAccount(to);
    t.put(a.withBalance(Math.addExact(a.balance(), micro), a.escrowed()));
  }
}
