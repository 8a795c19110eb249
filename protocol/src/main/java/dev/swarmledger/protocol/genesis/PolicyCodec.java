package dev.swarmledger.protocol.genesis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;

/** JSON form of {@link Policy}. */
public final class PolicyCodec {
  private PolicyCodec() {}

  public static Policy decode(JsonFields f) {
    Policy p;
    try {
      p =
          new Policy(
              f.nonNegative("claim_ttl_seconds"),
              f.nonNegative("max_source_bytes"),
              f.nonNegative("new_best_bonus_micro"),
              f.nonNegative("initial_reputation"),
              f.nonNegative("mismatch_penalty"),
              f.nonNegative("trusted_streak"),
              f.nonNegative("trusted_sample_percent"),
              f.nonNegative("claim_similarity_permille"),
              f.nonNegative("lease_seconds"),
              f.nonNegative("challenge_window_seconds"),
              f.nonNegative("agreement_reward"),
              f.nonNegative("max_reputation"),
              f.nonNegative("silence_penalty"),
              decodeJobs(f.object("jobs")));
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "policy: " + e.getMessage());
    }
    f.done();
    return p;
  }

  public static ObjectNode encode(Policy p) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("claim_ttl_seconds", p.claimTtlSeconds());
    o.put("max_source_bytes", p.maxSourceBytes());
    o.put("new_best_bonus_micro", p.newBestBonusMicro());
    o.put("initial_reputation", p.initialReputation());
    o.put("mismatch_penalty", p.mismatchPenalty());
    o.put("trusted_streak", p.trustedStreak());
    o.put("trusted_sample_percent", p.trustedSamplePercent());
    o.put("claim_similarity_permille", p.claimSimilarityPermille());
    o.put("lease_seconds", p.leaseSeconds());
    o.put("challenge_window_seconds", p.challengeWindowSeconds());
    o.put("agreement_reward", p.agreementReward());
    o.put("max_reputation", p.maxReputation());
    o.put("silence_penalty", p.silencePenalty());
    ObjectNode jobs = o.putObject("jobs");
    jobs.put("sample_percent", p.jobs().samplePercent());
    jobs.put("verifier_fee_percent", p.jobs().verifierFeePercent());
    jobs.put("max_attempts", p.jobs().maxAttempts());
    return o;
  }

  private static JobPolicy decodeJobs(JsonFields f) {
    JobPolicy j =
        new JobPolicy(
            f.nonNegative("sample_percent"),
            f.nonNegative("verifier_fee_percent"),
            f.nonNegative("max_attempts"));
    f.done();
    return j;
  }
}
