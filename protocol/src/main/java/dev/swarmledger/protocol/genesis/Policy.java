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
 */
public record Policy(
    long claimTtlSeconds,
    long maxSourceBytes,
    long newBestBonusMicro,
    long initialReputation,
    long mismatchPenalty,
    long trustedStreak,
    long trustedSamplePercent,
    long claimSimilarityPermille) {

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
  }

  /** The defaults a new swarm starts with. */
  public static Policy defaults() {
    return new Policy(900, 256 * 1024, 5_000_000, 100, 10, 5, 25, 800);
  }
}
