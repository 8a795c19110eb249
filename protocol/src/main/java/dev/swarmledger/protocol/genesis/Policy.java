package dev.swarmledger.protocol.genesis;

/**
 * Swarm-wide rule numbers fixed in genesis, so that replaying the log reproduces every decision.
 *
 * @param claimTtlSeconds how long a claim stays active, in log time
 * @param maxSourceBytes largest experiment source a result may carry
 * @param newBestBonusMicro micro-credits minted on top of FLOPs for a new verified best
 * @param initialReputation reputation of a newly registered account
 * @param mismatchPenalty reputation lost by a verifier outvoted by the quorum, or a rejected result
 * @param trustedStreak consecutive verified results after which a contributor is "trusted"
 * @param trustedSamplePercent percentage of a trusted contributor's ordinary results still verified
 * @param claimSimilarityPermille cosine similarity (in 1/1000) of word counts above which an active
 *     claim's description counts as the same idea
 * @param leaseSeconds how long (log time) an assigned verifier has to attest before the work is
 *     reassigned and the silence costs it reputation
 * @param challengeWindowSeconds how long (log time) the credits of a result that sampling did not
 *     draw stay pending, open to a challenge by any verifier of its class
 * @param agreementReward reputation gained by an attestation that agrees with the decided outcome,
 *     or by a verified result
 * @param maxReputation the ceiling reputation rises to
 * @param silencePenalty reputation lost by a verifier whose lease expired without an attestation
 *     (or a worker whose lease on a job expired)
 * @param jobs the jobs market's numbers: sampling of trusted workers, the verifier's fee, attempts
 */
public record Policy(
    long claimTtlSeconds,
    long maxSourceBytes,
    long newBestBonusMicro,
    long initialReputation,
    long mismatchPenalty,
    long trustedStreak,
    long trustedSamplePercent,
    long claimSimilarityPermille,
    long leaseSeconds,
    long challengeWindowSeconds,
    long agreementReward,
    long maxReputation,
    long silencePenalty,
    JobPolicy jobs) {

  public Policy {
    if (claimTtlSeconds <= 0 || maxSourceBytes <= 0 || newBestBonusMicro < 0) {
      throw new IllegalArgumentException("policy numbers must be positive");
    }
    if (trustedSamplePercent < 1 || trustedSamplePercent > 100) {
      throw new IllegalArgumentException("trusted_sample_percent must be in 1..100");
    }
    if (claimSimilarityPermille < 1 || claimSimilarityPermille > 1000) {
      throw new IllegalArgumentException("claim_similarity_permille must be in 1..1000");
    }
    if (leaseSeconds <= 0 || challengeWindowSeconds <= 0) {
      throw new IllegalArgumentException("lease and challenge window must be positive");
    }
    java.util.Objects.requireNonNull(jobs, "jobs");
    if (maxReputation < initialReputation) {
      throw new IllegalArgumentException("max_reputation must be at least initial_reputation");
    }
  }

  /** A policy with the default jobs numbers. */
  public Policy(
      long claimTtlSeconds,
      long maxSourceBytes,
      long newBestBonusMicro,
      long initialReputation,
      long mismatchPenalty,
      long trustedStreak,
      long trustedSamplePercent,
      long claimSimilarityPermille,
      long leaseSeconds,
      long challengeWindowSeconds,
      long agreementReward,
      long maxReputation,
      long silencePenalty) {
    this(
        claimTtlSeconds,
        maxSourceBytes,
        newBestBonusMicro,
        initialReputation,
        mismatchPenalty,
        trustedStreak,
        trustedSamplePercent,
        claimSimilarityPermille,
        leaseSeconds,
        challengeWindowSeconds,
        agreementReward,
        maxReputation,
        silencePenalty,
        JobPolicy.defaults());
  }

  /** The defaults a new swarm starts with. */
  public static Policy defaults() {
    return new Policy(900, 256 * 1024, 5_000_000, 100, 10, 5, 25, 800, 1800, 86_400, 1, 200, 5);
  }

  /** The same policy with other jobs numbers. */
  public Policy withJobs(JobPolicy j) {
    return new Policy(
        claimTtlSeconds,
        maxSourceBytes,
        newBestBonusMicro,
        initialReputation,
        mismatchPenalty,
        trustedStreak,
        trustedSamplePercent,
        claimSimilarityPermille,
        leaseSeconds,
        challengeWindowSeconds,
        agreementReward,
        maxReputation,
        silencePenalty,
        j);
  }
}
