package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.attest;
import static dev.swarmledger.protocol.state.SwarmLog.exact;
import static dev.swarmledger.protocol.state.SwarmLog.result;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultRules;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.WorkReturn;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reputation is used, and its uses protect credits: a verifier that fell to zero gets no more work,
 * and a contributor whose reputation fell is sampled more, even when its streak says it is trusted.
 */
class ReputationRulesTest {
  private static final long FLOPS = 1_000_000_000_000L;

  /** Defaults, but one penalty takes most of a reputation and one verified result makes trust. */
  private static Policy harsh() {
    Policy p = Policy.defaults();
    return new Policy(
        p.claimTtlSeconds(),
        p.maxSourceBytes(),
        p.newBestBonusMicro(),
        100,
        90,
        1,
        25,
        p.claimSimilarityPermille(),
        p.leaseSeconds(),
        p.challengeWindowSeconds(),
        p.agreementReward(),
        p.maxReputation(),
        p.silencePenalty());
  }

  private static Hash other(String tag) {
    return Hash.sha256(tag.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void samplingRisesAsReputationFalls() {
    SwarmLog log = new SwarmLog(harsh());
    SigningKey alice = log.register(1, "alice");
    dev.swarmledger.protocol.state.Account a = log.account(alice);
    assertThat(ResultRules.samplePercent(log.state, a.withReputation(100))).isEqualTo(25);
    assertThat(ResultRules.samplePercent(log.state, a.withReputation(50))).isEqualTo(50);
    assertThat(ResultRules.samplePercent(log.state, a.withReputation(11))).isEqualTo(100);
    // Never below the policy's rate, however high the reputation.
    assertThat(ResultRules.samplePercent(log.state, a.withReputation(200))).isEqualTo(25);
  }

  @Test
  void aTrustedContributorWhoseReputationFellIsReRunEveryTime() {
    SwarmLog log = new SwarmLog(harsh());
    SigningKey alice = log.register(1, "alice");
    SigningKey v1 = log.verifier(11, "v1", CPU);
    SigningKey v2 = log.verifier(12, "v2", CPU);
    Map<PublicKey, SigningKey> keys = Map.of(v1.publicKey(), v1, v2.publicKey(), v2);
    // A best, then a false result: rejected, reputation 100 → 10, streak reset.
    long best = log.next();
    RunSummary b = run(2.0, FLOPS, "b", CPU);
    log.apply(alice, result(source("best"), b));
    for (PublicKey v : log.result(best).assigned()) {
      log.apply(keys.get(v), exact(best, b));
    }
    long lie = log.next();
    log.apply(alice, result(source("lie"), run(1.0, FLOPS, "l", CPU)));
    for (PublicKey v : log.result(lie).assigned()) {
      log.apply(keys.get(v), attest(lie, Verdict.MISMATCH, 2.5, FLOPS, other("t"), CPU));
    }
    // One verified result makes her trusted again (streak 1), at reputation 11.
    long ok = log.next();
    RunSummary o = run(3.0, FLOPS, "o", CPU);
    log.apply(alice, result(source("ok"), o));
    log.apply(keys.get(log.result(ok).assigned().get(0)), exact(ok, o));
    assertThat(log.account(alice).streak()).isEqualTo(1);
    assertThat(log.account(alice).reputation()).isLessThan(25);
    // At the policy's 25 % about three in four would go unsampled; at her reputation none does.
    for (int i = 0; i < 24; i++) {
      long id = log.next();
      log.apply(alice, result(source("after " + i), run(3.5, FLOPS, "a" + i, CPU)));
      assertThat(log.result(id).sampled()).as("result %d", i).isTrue();
    }
  }

  @Test
  void aVerifierWhoseReputationFellToZeroIsAssignedNothing() {
    Policy p = harsh();
    SwarmLog log =
        new SwarmLog(
            new Policy(
                p.claimTtlSeconds(),
                p.maxSourceBytes(),
                p.newBestBonusMicro(),
                10,
                10,
                5,
                25,
                p.claimSimilarityPermille(),
                p.leaseSeconds(),
                p.challengeWindowSeconds(),
                p.agreementReward(),
                p.maxReputation(),
                p.silencePenalty()));
    SigningKey alice = log.register(1, "alice");
    SigningKey liar = log.verifier(11, "liar", CPU);
    SigningKey v2 = log.verifier(12, "v2", CPU);
    // With two verifiers both take the claimed best: the liar votes against it, the split waits
    // for a third, whose grant breaks the tie; the liar is outvoted and falls from 10 to 0.
    long best = log.next();
    RunSummary b = run(2.0, FLOPS, "b", CPU);
    log.apply(alice, result(source("best"), b));
    log.apply(liar, attest(best, Verdict.MISMATCH, 2.5, FLOPS, other("x"), CPU));
    log.apply(v2, exact(best, b));
    SigningKey v3 = log.verifier(13, "v3", CPU);
    assertThat(log.result(best).waitingFor()).containsExactly(v3.publicKey());
    log.apply(v3, exact(best, b));
    assertThat(log.result(best).status()).isEqualTo(Result.Status.VERIFIED);
    assertThat(log.account(liar).reputation()).isZero();
    // v3 submits; v2 is the only other verifier with reputation and hands the job back: nobody
    // is left who may take it, so it waits rather than go to the liar.
    long id = log.next();
    log.apply(v3, result(source("by v3"), run(3.0, FLOPS, "v3", CPU)));
    assertThat(log.result(id).assigned()).containsExactly(v2.publicKey());
    log.apply(v2, new WorkReturn(id));
    assertThat(log.result(id).assigned()).isEmpty();
  }
}
