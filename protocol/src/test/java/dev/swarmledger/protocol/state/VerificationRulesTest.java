package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.attest;
import static dev.swarmledger.protocol.state.SwarmLog.exact;
import static dev.swarmledger.protocol.state.SwarmLog.result;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultRules;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.results.VerifierRevoke;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Assignment, quorum, verdict consistency, minting, best and reputation. */
class VerificationRulesTest {
  private static final long FLOPS = 123_456_000_000_000L; // 123456 micro-credits

  private final SwarmLog log = new SwarmLog();
  private final Policy policy = log.state.policy();
  private final SigningKey alice = log.register(1, "alice");
  private final SigningKey v1 = log.verifier(11, "v1", CPU);
  private final SigningKey v2 = log.verifier(12, "v2", CPU);
  private final SigningKey v3 = log.verifier(13, "v3", CPU);
  private final Map<PublicKey, SigningKey> keys =
      Map.of(v1.publicKey(), v1, v2.publicKey(), v2, v3.publicKey(), v3);

  private SigningKey key(PublicKey p) {
    return keys.get(p);
  }

  private long submit(String tag, RunSummary run) {
    long id = log.next();
    log.apply(alice, result(source(tag), run));
    return id;
  }

  @Test
  void candidateBestNeedsTwoAgreeingAttestationsThenMintsAndBecomesBest() {
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    long id = submit("a", run);
    Result r = log.result(id);
    assertThat(r.candidateBest()).isTrue();
    assertThat(r.quorum()).isEqualTo(2);
    assertThat(r.assigned()).hasSize(2).doesNotContain(alice.publicKey());

    log.apply(key(r.assigned().get(0)), exact(id, run));
    assertThat(log.result(id).status()).isEqualTo(Result.Status.PENDING);
    assertThat(log.state.best(SwarmLog.TRACK)).isEmpty();
    List<StateEvent> events = log.apply(key(r.assigned().get(1)), exact(id, run));

    assertThat(log.result(id).status()).isEqualTo(Result.Status.VERIFIED);
    assertThat(log.result(id).becameBest()).isTrue();
    assertThat(log.state.best(SwarmLog.TRACK).orElseThrow().result()).isEqualTo(id);
    long micro = FLOPS / 1_000_000_000L;
    assertThat(log.account(alice).balance()).isEqualTo(micro + policy.newBestBonusMicro());
    assertThat(log.account(alice).streak()).isEqualTo(1);
    for (PublicKey v : r.assigned()) {
      assertThat(log.state.account(v).orElseThrow().balance()).isEqualTo(micro);
    }
    assertThat(log.state.supply()).isEqualTo(3 * micro + policy.newBestBonusMicro());
    assertThat(events)
        .extracting(e -> e.kind().wireName())
        .contains("result.verified", "best.updated", "credits.minted");
  }

  @Test
  void ordinaryResultNeedsOneAndEarnsNoBonus() {
    RunSummary best = run(1.5, FLOPS, "p", CPU);
    long first = submit("a", best);
    for (PublicKey v : log.result(first).assigned()) {
      log.apply(key(v), exact(first, best));
    }
    long before = log.account(alice).balance();
    RunSummary worse = run(1.6, FLOPS, "q", CPU);
    long id = submit("b", worse);
    assertThat(log.result(id).quorum()).isEqualTo(1);
    assertThat(log.result(id).assigned()).hasSize(1);
    log.apply(key(log.result(id).assigned().get(0)), exact(id, worse));
    assertThat(log.result(id).status()).isEqualTo(Result.Status.VERIFIED);
    assertThat(log.account(alice).balance() - before).isEqualTo(FLOPS / 1_000_000_000L);
    assertThat(log.state.best(SwarmLog.TRACK).orElseThrow().result()).isEqualTo(first);
  }

  @Test
  void improvementBelowTheNoiseFloorIsNotACandidate() {
    RunSummary best = run(1.5, FLOPS, "p", CPU);
    long first = submit("a", best);
    for (PublicKey v : log.result(first).assigned()) {
      log.apply(key(v), exact(first, best));
    }
    double floor = log.track().minImprovement();
    assertThat(log.result(submit("b", run(1.5 - floor / 2, FLOPS, "q", CPU))).candidateBest())
        .isFalse();
    assertThat(log.result(submit("c", run(1.5 - floor * 2, FLOPS, "r", CPU))).candidateBest())
        .isTrue();
  }

  @Test
  void unreproducedResultIsRejectedAndCostsReputation() {
    RunSummary claimed = run(1.2, FLOPS, "p", CPU);
    long id = submit("a", claimed);
    Hash actual = Hash.sha256("actual".getBytes(StandardCharsets.UTF_8));
    for (PublicKey v : log.result(id).assigned()) {
      log.apply(key(v), attest(id, Verdict.MISMATCH, 1.9, FLOPS, actual, CPU));
    }
    assertThat(log.result(id).status()).isEqualTo(Result.Status.REJECTED);
    assertThat(log.result(id).mintedMicro()).isZero();
    assertThat(log.account(alice).balance()).isZero();
    assertThat(log.account(alice).reputation())
        .isEqualTo(policy.initialReputation() - policy.mismatchPenalty());
    assertThat(log.state.best(SwarmLog.TRACK)).isEmpty();
    for (PublicKey v : log.result(id).assigned()) {
      Account a = log.state.account(v).orElseThrow();
      assertThat(a.balance()).isEqualTo(FLOPS / 1_000_000_000L);
      // Agreeing with the quorum raises reputation (up to the policy's ceiling).
      assertThat(a.reputation()).isEqualTo(policy.initialReputation() + policy.agreementReward());
    }
  }

  @Test
  void splitVoteGetsATieBreakerAndTheOutvotedVerifierLosesReputation() {
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    long id = submit("a", run);
    List<PublicKey> first = log.result(id).assigned();
    SigningKey lazy = key(first.get(0));
    SigningKey honest = key(first.get(1));
    Hash wrong = Hash.sha256("lazy".getBytes(StandardCharsets.UTF_8));
    log.apply(lazy, attest(id, Verdict.MISMATCH, run.valBpb(), FLOPS, wrong, CPU));
    log.apply(honest, exact(id, run));
    Result split = log.result(id);
    assertThat(split.status()).isEqualTo(Result.Status.PENDING);
    assertThat(split.assigned()).hasSize(3);
    PublicKey breaker = split.assigned().get(2);
    assertThat(breaker).isNotIn(first).isNotEqualTo(alice.publicKey());

    log.apply(key(breaker), exact(id, run));
    assertThat(log.result(id).status()).isEqualTo(Result.Status.VERIFIED);
    assertThat(log.account(lazy).reputation())
        .isEqualTo(policy.initialReputation() - policy.mismatchPenalty());
    assertThat(log.account(lazy).balance()).isZero();
    assertThat(log.account(honest).balance()).isEqualTo(FLOPS / 1_000_000_000L);
    assertThat(log.state.account(breaker).orElseThrow().balance())
        .isEqualTo(FLOPS / 1_000_000_000L);
  }

  @Test
  void attestationRefusals() {
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    SigningKey mallory = log.register(5, "mallory");
    long id = submit("a", run);
    Result r = log.result(id);
    SigningKey unassigned =
        keys.values().stream().filter(k -> !r.assigned().contains(k.publicKey())).findFirst().get();

    assertThat(log.refuse(mallory, exact(id, run)).code()).isEqualTo(ErrorCode.NOT_VERIFIER);
    assertThat(log.refuse(unassigned, exact(id, run)).code()).isEqualTo(ErrorCode.NOT_ASSIGNED);
    assertThat(log.refuse(unassigned, exact(999, run)).code()).isEqualTo(ErrorCode.UNKNOWN_RESULT);
    SigningKey v = key(r.assigned().get(0));
    // Claiming "exact" with numbers that do not match, and "mismatch" with numbers that do.
    assertThat(
            log.refuse(v, attest(id, Verdict.EXACT, 1.51, FLOPS, run.finalParamHash(), CPU)).code())
        .isEqualTo(ErrorCode.INCONSISTENT_VERDICT);
    assertThat(
            log.refuse(v, attest(id, Verdict.MISMATCH, 1.5, FLOPS, run.finalParamHash(), CPU))
                .code())
        .isEqualTo(ErrorCode.INCONSISTENT_VERDICT);
    assertThat(
            log.refuse(v, attest(id, Verdict.EXACT, 1.5, FLOPS + 1, run.finalParamHash(), CPU))
                .code())
        .isEqualTo(ErrorCode.INCONSISTENT_VERDICT);
    assertThat(log.refuse(v, attest(id, Verdict.FAILED, 0.1, 1, run.finalParamHash(), CPU)).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    log.apply(v, exact(id, run));
    assertThat(log.refuse(v, exact(id, run)).code()).isEqualTo(ErrorCode.DUPLICATE_ATTESTATION);

    // A contributor who is also a verifier never attests their own result.
    long own = log.next();
    log.apply(v1, result(source("v1-own"), run(1.4, FLOPS, "v", CPU)));
    assertThat(log.result(own).assigned()).doesNotContain(v1.publicKey());
    assertThat(log.refuse(v1, exact(own, run(1.4, FLOPS, "v", CPU))).code())
        .isEqualTo(ErrorCode.SELF_ATTESTATION);
  }

  @Test
  void withinToleranceOnlyAcrossHardwareClasses() {
    SigningKey gpu = log.verifier(14, "gpu", "cuda-a100");
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    long id = submit("a", run);
    Hash other = Hash.sha256("gpu-params".getBytes(StandardCharsets.UTF_8));
    // Same-class verifiers come first in the assignment.
    assertThat(log.result(id).assigned()).doesNotContain(gpu.publicKey());
    SigningKey same = key(log.result(id).assigned().get(0));
    assertThat(
            log.refuse(same, attest(id, Verdict.WITHIN_TOLERANCE, 1.505, FLOPS, other, CPU)).code())
        .isEqualTo(ErrorCode.INCONSISTENT_VERDICT);
    log.apply(same, attest(id, Verdict.MISMATCH, 1.505, FLOPS, other, CPU));
    // The vote is split only once the second verifier disagrees; make it so and let the GPU in.
    SigningKey second = key(log.result(id).assigned().get(1));
    log.apply(second, exact(id, run));
    assertThat(log.result(id).assigned()).hasSize(3);
    PublicKey third = log.result(id).assigned().get(2);
    assertThat(third).isNotEqualTo(gpu.publicKey()); // v3 (same class) before the GPU
  }

  @Test
  void differentHardwareWithinToleranceAgrees() {
    SigningKey gpuA = log.verifier(14, "gpu-a", "cuda-a100");
    SigningKey gpuB = log.verifier(15, "gpu-b", "cuda-a100");
    SigningKey gpuC = log.verifier(16, "gpu-c", "cuda-a100");
    RunSummary run = run(1.5, FLOPS, "p", "cuda-h100"); // nobody of this class
    long id = submit("a", run);
    Hash other = Hash.sha256("other".getBytes(StandardCharsets.UTF_8));
    Map<PublicKey, SigningKey> all = new HashMap<>(keys);
    List.of(gpuA, gpuB, gpuC).forEach(k -> all.put(k.publicKey(), k));
    double tol = log.track().tolerance();
    for (PublicKey v : log.result(id).assigned()) {
      SigningKey k = all.get(v);
      String hw = log.account(k).verifierClass().orElseThrow();
      log.apply(k, attest(id, Verdict.WITHIN_TOLERANCE, 1.5 + tol / 2, FLOPS, other, hw));
    }
    assertThat(log.result(id).status()).isEqualTo(Result.Status.VERIFIED);
    SigningKey any = all.get(log.result(id).assigned().get(0));
    assertThat(log.account(any).balance()).isEqualTo(FLOPS / 1_000_000_000L);
  }

  @Test
  void failedVerdictNeedsAReasonAndCountsAgainst() {
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    long id = submit("a", run);
    for (PublicKey v : log.result(id).assigned()) {
      log.apply(
          key(v),
          new AttestationSubmit(
              id,
              Verdict.FAILED,
              0,
              0,
              run.finalParamHash(),
              List.of(),
              1,
              CPU,
              Optional.of("out of memory")));
    }
    assertThat(log.result(id).status()).isEqualTo(Result.Status.REJECTED);
  }

  @Test
  void resultWaitsForVerifiersAndAGrantAssignsIt() {
    SwarmLog fresh = new SwarmLog();
    SigningKey c = fresh.register(1, "c");
    long id = fresh.next();
    fresh.apply(c, result(source("a"), run(1.5, FLOPS, "p", CPU)));
    assertThat(fresh.result(id).assigned()).isEmpty();
    SigningKey v = fresh.verifier(2, "v", CPU);
    assertThat(fresh.result(id).assigned()).containsExactly(v.publicKey());
    fresh.verifier(3, "w", CPU);
    assertThat(fresh.result(id).assigned()).hasSize(2);
  }

  @Test
  void revokedVerifierIsReplaced() {
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    long id = submit("a", run);
    PublicKey gone = log.result(id).assigned().get(0);
    log.apply(log.operator, new VerifierRevoke(gone));
    Result r = log.result(id);
    assertThat(r.waitingFor()).doesNotContain(gone).hasSize(2);
    for (PublicKey v : r.waitingFor()) {
      log.apply(key(v), exact(id, run));
    }
    assertThat(log.result(id).status()).isEqualTo(Result.Status.VERIFIED);
  }

  @Test
  void onlyTheOperatorGrantsAndRevokes() {
    assertThat(log.refuse(alice, new VerifierGrant(alice.publicKey(), CPU)).code())
        .isEqualTo(ErrorCode.NOT_OPERATOR);
    assertThat(log.refuse(alice, new VerifierRevoke(v1.publicKey())).code())
        .isEqualTo(ErrorCode.NOT_OPERATOR);
    assertThat(log.refuse(log.operator, new VerifierRevoke(alice.publicKey())).code())
        .isEqualTo(ErrorCode.NOT_VERIFIER);
  }

  @Test
  void trustedContributorsAreSampledNotSkipped() {
    // A streak of 5 makes alice trusted; then ordinary results are drawn at 25 %.
    RunSummary best = run(1.0, FLOPS, "best", CPU);
    long b = submit("best", best);
    for (PublicKey v : log.result(b).assigned()) {
      log.apply(key(v), exact(b, best));
    }
    for (int i = 0; log.account(alice).streak() < policy.trustedStreak(); i++) {
      RunSummary r = run(2.0 + i, FLOPS, "warm" + i, CPU);
      long id = submit("warm" + i, r);
      log.apply(key(log.result(id).assigned().get(0)), exact(id, r));
    }
    int sampled = 0;
    int accepted = 0;
    for (int i = 0; i < 40; i++) {
      long before = log.account(alice).balance();
      long pendingBefore = log.account(alice).pending();
      long id = submit("trusted" + i, run(3.0, FLOPS, "t" + i, CPU));
      Result r = log.result(id);
      assertThat(r.sampled()).isEqualTo(ResultRules.drawn(r.leafHash(), 25));
      if (r.sampled()) {
        sampled++;
        assertThat(r.status()).isEqualTo(Result.Status.PENDING);
        assertThat(r.assigned()).hasSize(1);
      } else {
        accepted++;
        assertThat(r.status()).isEqualTo(Result.Status.VERIFIED);
        assertThat(r.assigned()).isEmpty();
        // Credited as pending: spendable only once the challenge window closes.
        assertThat(log.account(alice).balance()).isEqualTo(before);
        assertThat(log.account(alice).pending() - pendingBefore).isEqualTo(FLOPS / 1_000_000_000L);
        assertThat(r.challengeUntil()).isPresent();
      }
    }
    assertThat(sampled).isPositive();
    assertThat(accepted).isPositive();
    // A trusted contributor's candidate best is always re-run.
    long cand = submit("cand", run(0.5, FLOPS, "c", CPU));
    assertThat(log.result(cand).sampled()).isTrue();
    assertThat(log.result(cand).quorum()).isEqualTo(2);
  }

  @Test
  void transfersMoveCreditsAndNeverOverdraw() {
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    long id = submit("a", run);
    for (PublicKey v : log.result(id).assigned()) {
      log.apply(key(v), exact(id, run));
    }
    long bal = log.account(alice).balance();
    assertThat(
            log.refuse(alice, new CreditTransfer(v3.publicKey(), bal + 1, Optional.empty())).code())
        .isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    assertThat(log.refuse(alice, new CreditTransfer(alice.publicKey(), 1, Optional.empty())).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    long v3Before = log.account(v3).balance();
    log.apply(alice, new CreditTransfer(v3.publicKey(), bal, Optional.of("thanks")));
    assertThat(log.account(alice).balance()).isZero();
    assertThat(log.account(v3).balance()).isEqualTo(v3Before + bal);
  }

  @Test
  void replayGivesTheSameRoot() {
    RunSummary run = run(1.5, FLOPS, "p", CPU);
    long id = submit("a", run);
    for (PublicKey v : log.result(id).assigned()) {
      log.apply(key(v), exact(id, run));
    }
    assertThat(StateDigest.root(log.replay())).isEqualTo(StateDigest.root(log.state));
  }
}
