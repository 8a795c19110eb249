package dev.swarmledger.protocol.genesis;

/**
 * The policy numbers of the jobs market, fixed in genesis (docs/protocol.md, "Jobs").
 *
 * @param samplePercent percentage of a trusted worker's completed jobs that a verifier re-runs (a
 *     worker below the policy's trusted streak of agreed jobs has every job re-run); more as the
 *     worker's reputation falls, as for contributors
 * @param verifierFeePercent what a verifier whose re-run agreed is paid from the job's escrow, in
 *     percent of the worker's pay; the spender's maximum must cover pay plus fee
 * @param maxAttempts how many times a job is offered (leases that expired, completions that a
 *     verifier did not reproduce) before it ends as failed and its escrow goes back to the spender
 */
public record JobPolicy(long samplePercent, long verifierFeePercent, long maxAttempts) {
  public JobPolicy {
    if (samplePercent < 1 || samplePercent > 100) {
      throw new IllegalArgumentException("jobs.sample_percent must be in 1..100");
    }
    if (verifierFeePercent < 0 || verifierFeePercent > 100) {
      throw new IllegalArgumentException("jobs.verifier_fee_percent must be in 0..100");
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("jobs.max_attempts must be in 1..100");
    }
  }

  /** A swarm's defaults: one trusted job in ten re-run, a 10% fee, three attempts. */
  public static JobPolicy defaults() {
    return new JobPolicy(10, 10, 3);
  }
}
