package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.attest;
import static dev.swarmledger.protocol.state.SwarmLog.exact;
import static dev.swarmledger.protocol.state.SwarmLog.result;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.WorkReturn;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The attacks on credits, each as a transaction sequence against the rules: nothing is recorded or
 * minted that no verifier measured, budgets are FLOPs, leases end, unsampled credits stay pending
 * and can be clawed back.
 */
class SoundCreditsTest {
  private static final String OTHER = "cpu-other";
  private static final long FLOPS = 1_000_000_000_000L;

  private final SwarmLog log = new SwarmLog();
  private final Policy policy = log.state.policy();
  private final SigningKey alice = log.register(1, "alice");
  private final Map<PublicKey, SigningKey> keys = new HashMap<>();
  private final SigningKey v1 = verifier(11, "v1", CPU);
  private final SigningKey v2 = verifier(12, "v2", CPU);
  private final SigningKey f1 = verifier(21, "f1", OTHER);
  private final SigningKey f2 = verifier(22, "f2", OTHER);

  private SigningKey verifier(int n, String name, String hardware) {
    SigningKey k = log.verifier(n, name, hardware);
    keys.put(k.publicKey(), k);
    return k;
  }

  private long submit(SigningKey who, String tag, RunSummary run) {
    long id = log.next();
    log.apply(who, result(source(tag), run));
    return id;
  }

  private static Hash other(String tag) {
    return Hash.sha256(tag.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBestClaimedOnAForeignClassIsNeverABestAndRecordsTheMeasuredValue() {
    // The submitter declares the verifiers' foreign class and claims 0.004 better than the truth
    // (inside the 0.005 tolerance): both foreign verifiers confirm within tolerance.
    RunSummary claimed = run(3.196, FLOPS, "p", OTHER + "-declared");
    long id = submit(alice, "foreign", claimed);
    for (PublicKey v : log.result(id).assigned()) {
      String cls = log.state.account(v).orElseThrow().verifierClass().orElseThrow();
      log.apply(keys.get(v), attest(id, Verdict.WITHIN_TOLERANCE, 3.2, FLOPS, other("t"), cls));
    }
    Result r = log.result(id);
    assertThat(r.status()).isEqualTo(Result.Status.VERIFIED);
    assertThat(r.becameBest()).isFalse();
    assertThat(log.state.best(SwarmLog.TRACK)).isEmpty();
    assertThat(r.verifiedValBpb()).hasValue(3.2);
  }

  @Test
  void aBestNeedsTwoDistinctExactReRunsOnTheSubmittersClass() {
    RunSummary claimed = run(3.2, FLOPS, "p", CPU);
    long id = submit(alice, "own", claimed);
    for (PublicKey v : log.result(id).assigned()) {
      log.apply(keys.get(v), exact(id, claimed));
    }
    Result r = log.result(id);
    assertThat(r.becameBest()).isTrue();
    assertThat(log.state.best(SwarmLog.TRACK).orElseThrow().valBpb()).isEqualTo(3.2);
    assertThat(r.mintedMicro()).isEqualTo(Credits.forFlops(FLOPS) + policy.newBestBonusMicro());
  }

  @Test
  void inflatedFlopsAreAMismatchAndMintNothing() {
    RunSummary claimed = run(3.2, 4 * FLOPS, "p", CPU);
    long id = submit(alice, "inflated", claimed);
    for (PublicKey v : log.result(id).assigned()) {
      SigningKey k = keys.get(v);
      String cls = log.state.account(v).orElseThrow().verifierClass().orElseThrow();
      // Saying "exact" with the true count is refused: the state machine recomputes the verdict.
      assertThat(
              log.refuse(k, attest(id, Verdict.EXACT, 3.2, FLOPS, claimed.finalParamHash(), cls))
                  .code())
          .isEqualTo(ErrorCode.INCONSISTENT_VERDICT);
      log.apply(k, attest(id, Verdict.MISMATCH, 3.2, FLOPS, claimed.finalParamHash(), cls));
    }
    assertThat(log.result(id).status()).isEqualTo(Result.Status.REJECTED);
    assertThat(log.account(alice).earned()).isZero();
  }

  @Test
  void budgetsAreFlops() {
    long budget = log.track().budgetFlops();
    assertThat(log.refuse(alice, result(source("big"), run(3.0, budget + 1, "p", CPU))).code())
        .isEqualTo(ErrorCode.OVER_BUDGET);
    // A run that claims to fit but whose re-run counts more is over budget, a measured verdict.
    RunSummary claimed = run(3.0, budget, "p", CPU);
    long id = submit(alice, "fits", claimed);
    for (PublicKey v : log.result(id).assigned()) {
      log.apply(keys.get(v), attest(id, Verdict.OVER_BUDGET, 3.0, budget + 1, other("x"), CPU));
    }
    assertThat(log.result(id).status()).isEqualTo(Result.Status.REJECTED);
    assertThat(log.account(alice).earned()).isZero();
  }

  @Test
  void anAttestationMustBeForTheClassTheVerifierWasGranted() {
    RunSummary claimed = run(3.2, FLOPS, "p", CPU);
    long id = submit(alice, "c", claimed);
    PublicKey v = log.result(id).assigned().get(0);
    assertThat(
            log.refuse(
                    keys.get(v),
                    attest(id, Verdict.EXACT, 3.2, FLOPS, claimed.finalParamHash(), "gpu-h100"))
                .code())
        .isEqualTo(ErrorCode.WRONG_HARDWARE_CLASS);
  }

  @Test
  void aTrackWhoseToleranceReachesItsMinimumImprovementIsRefused() {
    TrackSpec t = log.track();
    assertThatThrownBy(
            () -> new TrackSpec("noisy", t.workload(), t.data(), t.budgetFlops(), 0.01, 0.01, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    log.apply(
        log.operator,
        new TrackCreate(
            new TrackSpec("fine", t.workload(), t.data(), t.budgetFlops(), 0.0, 0.01, 1, 2)));
  }

  @Test
  void aSilentVerifierLosesItsLeaseAndReputationAndAnotherFinishesTheJob() {
    RunSummary claimed = run(3.5, FLOPS, "p", CPU);
    // Ordinary results need one verifier: make a best first.
    long best = submit(alice, "best", run(3.0, FLOPS, "b", CPU));
    for (PublicKey v : log.result(best).assigned()) {
      log.apply(keys.get(v), exact(best, log.result(best).submission().run()));
    }
    long id = submit(alice, "ordinary", claimed);
    PublicKey silent = log.result(id).assigned().get(0);
    long before = log.state.account(silent).orElseThrow().reputation();
    log.advance(Duration.ofSeconds(policy.leaseSeconds()));
    assertThat(log.refuse(keys.get(silent), exact(id, claimed)).code())
        .isEqualTo(ErrorCode.LEASE_EXPIRED);
    log.apply(alice, new CreditTransfer(log.operator.publicKey(), 1, Optional.empty()));
    Result r = log.result(id);
    assertThat(r.assigned()).doesNotContain(silent).hasSize(1);
    assertThat(r.excluded()).containsExactly(silent);
    assertThat(log.state.account(silent).orElseThrow().reputation())
        .isEqualTo(before - policy.silencePenalty());
    log.apply(
        keys.get(r.assigned().get(0)),
        attest(
            id,
            attestVerdict(r),
            3.5,
            FLOPS,
            claimed.finalParamHash(),
            classOf(r.assigned().get(0))));
    assertThat(log.result(id).status()).isEqualTo(Result.Status.VERIFIED);
  }

  private Verdict attestVerdict(Result r) {
    return classOf(r.assigned().get(0)).equals(CPU) ? Verdict.EXACT : Verdict.WITHIN_TOLERANCE;
  }

  private String classOf(PublicKey v) {
    return log.state.account(v).orElseThrow().verifierClass().orElseThrow();
  }

  @Test
  void aReturnedJobGoesToSomeoneElseAndNeverBack() {
    long id = submit(alice, "r", run(3.2, FLOPS, "p", CPU));
    PublicKey first = log.result(id).assigned().get(0);
    SigningKey stranger =
        keys.values().stream()
            .filter(k -> !log.result(id).assigned().contains(k.publicKey()))
            .findFirst()
            .orElseThrow();
    assertThat(log.refuse(stranger, new WorkReturn(id)).code()).isEqualTo(ErrorCode.NOT_ASSIGNED);
    long before = log.state.account(first).orElseThrow().reputation();
    log.apply(keys.get(first), new WorkReturn(id));
    assertThat(log.result(id).assigned()).doesNotContain(first).hasSize(2);
    assertThat(log.state.account(first).orElseThrow().reputation()).isEqualTo(before);
    assertThat(log.refuse(keys.get(first), new WorkReturn(id)).code())
        .isEqualTo(ErrorCode.NOT_ASSIGNED);
  }

  @Test
  void unsampledCreditsStayPendingAndAConfirmedChallengeClawsThemBack() {
    long unsampled = trustedUnsampledResult();
    Result r = log.result(unsampled);
    long pending = log.account(alice).pending();
    assertThat(pending).isEqualTo(r.mintedMicro()).isPositive();
    // Pending credits are not spendable.
    long balance = log.account(alice).balance();
    assertThat(
            log.refuse(
                    alice,
                    new CreditTransfer(log.operator.publicKey(), balance + 1, Optional.empty()))
                .code())
        .isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    // Only a verifier of the result's class may challenge it, only with a measured re-run.
    RunSummary claimed = r.submission().run();
    Hash truth = other("the true parameters");
    assertThat(
            log.refuse(f1, attest(unsampled, Verdict.MISMATCH, 3.9, claimed.flops(), truth, OTHER))
                .code())
        .isEqualTo(ErrorCode.WRONG_HARDWARE_CLASS);
    assertThat(
            log.refuse(
                    v1,
                    new dev.swarmledger.protocol.results.AttestationSubmit(
                        unsampled,
                        Verdict.FAILED,
                        0,
                        0,
                        truth,
                        java.util.List.of(),
                        1,
                        CPU,
                        Optional.of("crashed")))
                .code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    // One challenger's mismatch condemns no one: it reopens the result, credits still frozen.
    long supply = log.state.supply();
    log.apply(v1, attest(unsampled, Verdict.MISMATCH, 3.9, claimed.flops(), truth, CPU));
    Result reopened = log.result(unsampled);
    assertThat(reopened.status()).isEqualTo(Result.Status.PENDING);
    assertThat(reopened.assigned()).containsExactly(v2.publicKey());
    assertThat(log.account(alice).pending()).isEqualTo(pending);
    // A second verifier of the class measures the same: the credits burn.
    log.apply(v2, attest(unsampled, Verdict.MISMATCH, 3.9, claimed.flops(), truth, CPU));
    assertThat(log.result(unsampled).status()).isEqualTo(Result.Status.REJECTED);
    assertThat(log.account(alice).pending()).isZero();
    assertThat(log.account(alice).streak()).isZero();
    assertThat(log.state.burned()).isEqualTo(pending);
    // Both re-runners are paid for their re-runs (capped by the claim and the budget).
    assertThat(log.state.supply())
        .isEqualTo(supply - pending + 2 * Credits.forFlops(claimed.flops()));
  }

  @Test
  void aLyingChallengerIsOutvotedAndTheHonestCreditsAreReleased() {
    long unsampled = trustedUnsampledResult();
    RunSummary claimed = log.result(unsampled).submission().run();
    long pending = log.account(alice).pending();
    long balance = log.account(alice).balance();
    long liarReputation = log.account(v1).reputation();
    log.apply(
        v1, attest(unsampled, Verdict.MISMATCH, 3.9, claimed.flops(), other("invented"), CPU));
    log.apply(v2, exact(unsampled, claimed));
    // A split vote: a verifier of another class breaks the tie.
    Result split = log.result(unsampled);
    assertThat(split.status()).isEqualTo(Result.Status.PENDING);
    PublicKey breaker = split.waitingFor().get(0);
    log.apply(
        keys.get(breaker),
        attest(
            unsampled,
            Verdict.WITHIN_TOLERANCE,
            claimed.valBpb(),
            claimed.flops(),
            other("b"),
            classOf(breaker)));
    Result r = log.result(unsampled);
    assertThat(r.status()).isEqualTo(Result.Status.VERIFIED);
    assertThat(r.verifiedValBpb()).isPresent();
    assertThat(log.account(alice).pending()).isZero();
    assertThat(log.account(alice).balance()).isEqualTo(balance + pending);
    assertThat(log.account(v1).reputation()).isEqualTo(liarReputation - policy.mismatchPenalty());
    assertThat(log.account(v1).earned()).isEqualTo(earnedBeforeTheChallenge(v1));
  }

  private long earnedBeforeTheChallenge(SigningKey verifier) {
    // Everything a verifier earned came from agreeing re-runs; the lie earned nothing.
    return log.state.results().values().stream()
        .filter(r -> r.status() != Result.Status.PENDING)
        .flatMap(r -> r.attestations().stream().map(a -> java.util.Map.entry(r, a)))
        .filter(e -> e.getValue().verifier().equals(verifier.publicKey()))
        .filter(
            e -> e.getValue().verdict().agrees() == (e.getKey().status() == Result.Status.VERIFIED))
        .mapToLong(
            e ->
                Credits.forFlops(
                    Math.min(e.getValue().flops(), e.getKey().submission().run().flops())))
        .sum();
  }

  @Test
  void pendingCreditsBecomeSpendableWhenTheWindowClosesAndLateChallengesAreRefused() {
    long unsampled = trustedUnsampledResult();
    long pending = log.account(alice).pending();
    long balance = log.account(alice).balance();
    log.advance(Duration.ofSeconds(policy.challengeWindowSeconds()));
    RunSummary claimed = log.result(unsampled).submission().run();
    assertThat(
            log.refuse(
                    v1, attest(unsampled, Verdict.MISMATCH, 3.9, claimed.flops(), other("v"), CPU))
                .code())
        .isEqualTo(ErrorCode.CHALLENGE_CLOSED);
    log.apply(alice, new CreditTransfer(log.operator.publicKey(), 1, Optional.empty()));
    assertThat(log.account(alice).pending()).isZero();
    assertThat(log.account(alice).balance()).isEqualTo(balance + pending - 1);
    assertThat(log.result(unsampled).challengeUntil()).isEmpty();
    assertThat(log.result(unsampled).status()).isEqualTo(Result.Status.VERIFIED);
  }

  /** Makes alice trusted, then submits ordinary results until sampling skips one. */
  private long trustedUnsampledResult() {
    long best = submit(alice, "best", run(2.0, FLOPS, "b", CPU));
    for (PublicKey v : log.result(best).assigned()) {
      log.apply(keys.get(v), exact(best, log.result(best).submission().run()));
    }
    for (int i = 0; ; i++) {
      RunSummary r = run(3.0 + i, FLOPS, "t" + i, CPU);
      long id = submit(alice, "t" + i, r);
      Result res = log.result(id);
      if (!res.sampled()) {
        return id;
      }
      PublicKey v = res.assigned().get(0);
      log.apply(
          keys.get(v),
          attest(
              id,
              classOf(v).equals(CPU) ? Verdict.EXACT : Verdict.WITHIN_TOLERANCE,
              r.valBpb(),
              FLOPS,
              classOf(v).equals(CPU) ? r.finalParamHash() : other("w" + i),
              classOf(v)));
    }
  }
}
