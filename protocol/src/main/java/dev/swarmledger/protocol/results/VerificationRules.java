package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Verification: leases, attestations, quorum, challenges of unsampled results, and the minting,
 * best update and reputation changes that a decision makes — all in the transition that reaches it,
 * so no reader ever sees a verified result without its credits or a best without its result.
 *
 * <p>What a verified result records and mints comes from the verifiers: the val_bpb they measured
 * (the worst of the agreeing ones), the FLOPs they recounted (never above the track's budget). A
 * new best needs {@code max(2, best_quorum)} distinct verifiers of the submitter's own hardware
 * class that reproduced it exactly; a cross-class confirmation within tolerance verifies an
 * ordinary result, never a best.
 */
public final class VerificationRules {
  /** Agreeing (or disagreeing) attestations that settle a result reopened by a challenge. */
  static final int CHALLENGE_QUORUM = 2;

  private VerificationRules() {}

  public static void attest(Transition t, AttestationSubmit body) {
    LedgerState state = t.state();
    PublicKey sender = t.sender();
    Account verifier = state.requireAccount(sender);
    if (!verifier.isVerifier()) {
      throw new Rejection(ErrorCode.NOT_VERIFIER, "account " + sender.hex() + " is not a verifier");
    }
    Result r = state.requireResult(body.result());
    if (r.account().equals(sender)) {
      throw new Rejection(ErrorCode.SELF_ATTESTATION, "nobody verifies their own result");
    }
    String granted = verifier.verifierClass().orElseThrow();
    if (!body.hardwareClass().equals(granted)) {
      throw new Rejection(
          ErrorCode.WRONG_HARDWARE_CLASS,
          "attestation for hardware class "
              + body.hardwareClass()
              + " but the verifier was granted "
              + granted);
    }
    if (r.attestedBy(sender)) {
      throw new Rejection(ErrorCode.DUPLICATE_ATTESTATION, "already attested result " + r.id());
    }
    boolean challenge = r.status() == Result.Status.VERIFIED;
    if (challenge) {
      checkChallenge(t, r, granted, body.verdict());
    } else {
      Lease lease =
          r.lease(sender)
              .orElseThrow(
                  () ->
                      new Rejection(
                          ErrorCode.NOT_ASSIGNED,
                          "result " + r.id() + " is not assigned to " + sender.hex()));
      if (!t.time().isBefore(lease.deadline())) {
        throw new Rejection(
            ErrorCode.LEASE_EXPIRED,
            "the lease on result "
                + r.id()
                + " ended at "
                + LeafCodec.formatTime(lease.deadline()));
      }
    }
    TrackSpec track = state.requireTrack(r.track());
    checkVerdict(body, r, track);
    // All checks passed.
    Attestation a =
        new Attestation(
            t.index(),
            sender,
            body.verdict(),
            body.valBpb(),
            body.flops(),
            body.finalParamHash(),
            body.segmentHashes(),
            body.wallSeconds(),
            body.hardwareClass(),
            body.reason(),
            body.weightsSha256());
    List<Attestation> all = new ArrayList<>(r.attestations());
    all.add(a);
    Result updated = r.withAttestations(all);
    t.putResult(updated);
    t.emit(
        StateEvent.attestationSubmitted(
            t.index(), r.id(), sender, body.verdict().wireName(), body.valBpb()));
    if (challenge) {
      settleChallenge(t, updated, a);
    } else if (updated.agreeing() >= updated.quorum()) {
      decide(t, updated, Result.Status.VERIFIED, track);
    } else if (updated.disagreeing() >= updated.quorum()) {
      decide(t, updated, Result.Status.REJECTED, track);
    } else {
      topUp(t, updated.id());
    }
  }

  /** {@code work.return}: an assigned verifier hands the result to someone else, at no cost. */
  public static void handBack(Transition t, WorkReturn body) {
    Result r = t.state().requireResult(body.result());
    PublicKey sender = t.sender();
    if (r.status() != Result.Status.PENDING || r.lease(sender).isEmpty() || r.attestedBy(sender)) {
      throw new Rejection(
          ErrorCode.NOT_ASSIGNED, "result " + r.id() + " is not waiting for " + sender.hex());
    }
    unassign(t, r, sender);
    t.emit(StateEvent.workReturned(t.index(), r.id(), sender));
    topUp(t, r.id());
  }

  /**
   * The passing of log time, after each accepted leaf: a lease that ran out goes to another
   * verifier and costs the silent one reputation; a challenge window that closed makes its result's
   * pending credits spendable.
   */
  public static void tick(Transition t) {
    Instant now = t.time();
    for (Result r : t.state().pendingResults()) {
      List<PublicKey> silent =
          r.leases().stream()
              .filter(l -> !now.isBefore(l.deadline()) && !r.attestedBy(l.verifier()))
              .map(Lease::verifier)
              .toList();
      if (silent.isEmpty()) {
        continue;
      }
      for (PublicKey v : silent) {
        unassign(t, t.state().requireResult(r.id()), v);
        Account account = t.state().requireAccount(v);
        long penalty = t.state().policy().silencePenalty();
        t.put(account.withReputation(Math.max(0, account.reputation() - penalty)));
        t.emit(StateEvent.workExpired(t.index(), r.id(), v));
        t.emit(
            StateEvent.reputationLowered(t.index(), v, "lease on result " + r.id() + " expired"));
      }
      topUp(t, r.id());
    }
    for (Result r : t.state().challengeableResults()) {
      // A result reopened by a challenge keeps its credits frozen until its quorum decides.
      if (r.status() == Result.Status.VERIFIED && !now.isBefore(r.challengeUntil().orElseThrow())) {
        Account contributor = t.state().requireAccount(r.account());
        t.put(contributor.released(r.mintedMicro()));
        t.putResult(r.withChallengeClosed(Result.Status.VERIFIED));
        t.emit(StateEvent.creditsReleased(t.index(), r.account(), r.mintedMicro(), r.id()));
      }
    }
  }

  private static void unassign(Transition t, Result r, PublicKey verifier) {
    List<Lease> kept = r.leases().stream().filter(l -> !l.verifier().equals(verifier)).toList();
    List<PublicKey> excluded = new ArrayList<>(r.excluded());
    excluded.add(verifier);
    t.putResult(r.withLeases(kept, excluded));
  }

  /**
   * A re-run of a result that sampling did not draw: allowed to any verifier of the result's own
   * class while its challenge window is open.
   */
  private static void checkChallenge(Transition t, Result r, String granted, Verdict verdict) {
    if (!verdict.measured()) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          "a challenge reports a measured re-run; " + verdict.wireName() + " proves nothing");
    }
    Optional<Instant> until = r.challengeUntil();
    if (until.isEmpty() || !t.time().isBefore(until.get())) {
      throw new Rejection(
          ErrorCode.CHALLENGE_CLOSED,
          "result " + r.id() + " is " + r.status().wireName() + " and open to no challenge");
    }
    if (!granted.equals(r.submission().run().hardwareClass())) {
      throw new Rejection(
          ErrorCode.WRONG_HARDWARE_CLASS,
          "only verifiers of class "
              + r.submission().run().hardwareClass()
              + " may challenge result "
              + r.id());
    }
  }

  /**
   * A measured verdict must be the one the numbers give; a reasoned one (the numbers cannot show
   * it) must say why.
   */
  private static void checkVerdict(AttestationSubmit body, Result r, TrackSpec track) {
    Verdict claimed = body.verdict();
    if (claimed.measured()) {
      Verdict measured =
          VerdictRule.judge(
              r.submission().run(),
              body.valBpb(),
              body.flops(),
              body.finalParamHash(),
              body.hardwareClass(),
              track.tolerance(),
              track.budgetFlops());
      if (claimed != measured) {
        throw new Rejection(
            ErrorCode.INCONSISTENT_VERDICT,
            "verdict "
                + claimed.wireName()
                + " contradicts the measurements, which say "
                + measured.wireName());
      }
    }
    if (claimed.needsReason() && body.reason().isEmpty()) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, claimed.wireName() + " needs a reason");
    }
  }

  /**
   * Assigns more verifiers while the assigned ones can no longer reach a decision either way (none
   * yet, a split vote, or leases that ran out). Stops when the candidates run out; the result then
   * waits for a new verifier to be granted. Each new lease runs for the policy's lease time.
   */
  static void topUp(Transition t, long resultId) {
    Result r = t.state().requireResult(resultId);
    if (r.status() != Result.Status.PENDING) {
      return;
    }
    List<Lease> leases = new ArrayList<>(r.leases());
    List<PublicKey> added = new ArrayList<>();
    long agree = r.agreeing();
    long disagree = r.disagreeing();
    Instant deadline = t.time().plusSeconds(t.state().policy().leaseSeconds());
    for (PublicKey candidate : VerifierAssignment.ranked(t.state(), r)) {
      // Only leases not yet answered: a challenger attested without holding one.
      long waiting = leases.stream().filter(l -> !r.attestedBy(l.verifier())).count();
      if (agree + waiting >= r.quorum() || disagree + waiting >= r.quorum()) {
        break;
      }
      if (r.lease(candidate).isEmpty() && !r.attestedBy(candidate)) {
        leases.add(new Lease(candidate, deadline));
        added.add(candidate);
      }
    }
    if (!added.isEmpty()) {
      t.putResult(r.withLeases(leases, r.excluded()));
      for (PublicKey v : added) {
        t.emit(StateEvent.workAssigned(t.index(), r.id(), v));
      }
    }
  }

  /**
   * A trusted contributor's result that sampling did not draw: its credits (its own FLOP count,
   * never above the budget) are minted as pending and become spendable only when the challenge
   * window closes without a mismatch.
   */
  static void acceptUnsampled(Transition t, Result r) {
    TrackSpec track = t.state().requireTrack(r.track());
    long micro = Credits.forFlops(Math.min(r.submission().run().flops(), track.budgetFlops()));
    Instant until = t.time().plusSeconds(t.state().policy().challengeWindowSeconds());
    t.mintPending(r.account(), micro);
    t.putResult(
        r.decided(
            Result.Status.VERIFIED,
            t.time(),
            OptionalDouble.empty(),
            micro,
            Optional.of(until),
            false));
    t.emit(StateEvent.resultAcceptedUnsampled(t.index(), r.id(), micro));
    t.emit(
        StateEvent.creditsPending(
            t.index(), r.account(), micro, "result " + r.id(), LeafCodec.formatTime(until)));
  }

  private static void decide(Transition t, Result r, Result.Status outcome, TrackSpec track) {
    if (r.challengeUntil().isPresent()) {
      decideReopened(t, r, outcome, track);
      return;
    }
    LedgerState state = t.state();
    long index = t.index();
    long minted = 0;
    boolean newBest = false;
    OptionalDouble measured = OptionalDouble.empty();
    Account contributor = state.requireAccount(r.account());
    if (outcome == Result.Status.VERIFIED) {
      List<Attestation> agreeing =
          r.attestations().stream().filter(a -> a.verdict().agrees()).toList();
      double verified = agreeing.stream().mapToDouble(Attestation::valBpb).max().orElseThrow();
      long recounted = agreeing.stream().mapToLong(Attestation::flops).min().orElseThrow();
      measured = OptionalDouble.of(verified);
      minted = Credits.forFlops(Math.min(recounted, track.budgetFlops()));
      String ownClass = r.submission().run().hardwareClass();
      long exactOnClass =
          agreeing.stream()
              .filter(a -> a.verdict() == Verdict.EXACT && a.hardwareClass().equals(ownClass))
              .map(Attestation::verifier)
              .distinct()
              .count();
      Optional<Best> best = state.best(track.id());
      newBest =
          exactOnClass >= Math.max(2, track.bestQuorum())
              && (best.isEmpty() || verified <= best.get().valBpb() - track.minImprovement());
      if (newBest) {
        minted = Math.addExact(minted, state.policy().newBestBonusMicro());
      }
      t.put(raise(state, contributor.withStreak(contributor.streak() + 1)));
      t.mint(r.account(), minted);
      if (newBest) {
        t.putBest(new Best(track.id(), r.id(), verified, r.account(), index));
      }
    } else {
      t.put(lower(state, contributor.withStreak(0)));
      t.emit(
          StateEvent.reputationLowered(index, contributor.id(), "result " + r.id() + " rejected"));
    }
    Result decided = r.decided(outcome, t.time(), measured, minted, Optional.empty(), newBest);
    t.putResult(decided);
    t.emit(
        StateEvent.resultDecided(
            index, outcome == Result.Status.VERIFIED, r.id(), track.id(), minted));
    if (minted > 0) {
      t.emit(StateEvent.creditsMinted(index, r.account(), minted, "result " + r.id()));
    }
    if (newBest) {
      t.emit(StateEvent.bestUpdated(index, track.id(), r.id(), verified(decided), r.account()));
    }
    for (Attestation a : decided.attestations()) {
      settleVerifier(t, decided, a, track);
    }
  }

  /**
   * The quorum's decision on a result reopened by a challenge: its pending credits (minted when
   * sampling skipped it) are released if the re-runs confirm it and burned if they do not. Nothing
   * new is minted to the contributor, and a result that was never a candidate cannot become a best.
   */
  private static void decideReopened(
      Transition t, Result r, Result.Status outcome, TrackSpec track) {
    long index = t.index();
    long frozen = r.mintedMicro();
    Account contributor = t.state().requireAccount(r.account());
    OptionalDouble measured = OptionalDouble.empty();
    if (outcome == Result.Status.VERIFIED) {
      measured =
          OptionalDouble.of(
              r.attestations().stream()
                  .filter(a -> a.verdict().agrees())
                  .mapToDouble(Attestation::valBpb)
                  .max()
                  .orElseThrow());
      t.put(contributor.released(frozen));
      t.emit(StateEvent.creditsReleased(index, r.account(), frozen, r.id()));
    } else {
      t.put(lower(t.state(), contributor.clawedBack(frozen).withStreak(0)));
      t.burn(frozen);
      t.emit(StateEvent.creditsClawedBack(index, r.account(), frozen, r.id()));
      t.emit(
          StateEvent.reputationLowered(
              index, r.account(), "result " + r.id() + " failed a challenge"));
    }
    Result decided =
        r.decided(
            outcome,
            t.time(),
            measured,
            outcome == Result.Status.VERIFIED ? frozen : 0,
            Optional.empty(),
            false);
    t.putResult(decided);
    t.emit(
        StateEvent.resultDecided(index, outcome == Result.Status.VERIFIED, r.id(), track.id(), 0));
    for (Attestation a : decided.attestations()) {
      settleVerifier(t, decided, a, track);
    }
  }

  private static double verified(Result r) {
    return r.verifiedValBpb().orElseThrow();
  }

  /**
   * A challenge of an unsampled result. One that reproduces it, or a failed re-run, is recorded and
   * changes nothing else. A measured disagreement (a mismatch, or a run over budget) condemns no
   * one on one verifier's word: it reopens the result, with its credits still frozen, for a quorum
   * of two, and other verifiers of the class are assigned; the ordinary decision then settles the
   * contributor, the challenger and the re-runners alike.
   */
  private static void settleChallenge(Transition t, Result r, Attestation a) {
    boolean reopens = !a.verdict().agrees() && a.verdict().measured();
    t.emit(
        StateEvent.resultChallenged(
            t.index(), r.id(), a.verifier(), a.verdict().wireName(), reopens));
    if (reopens) {
      Result reopened = r.reopened(CHALLENGE_QUORUM);
      t.putResult(reopened);
      TrackSpec track = t.state().requireTrack(r.track());
      if (reopened.agreeing() >= reopened.quorum()) {
        // Earlier challenges had already reproduced it.
        decide(t, reopened, Result.Status.VERIFIED, track);
      } else {
        topUp(t, r.id());
      }
    }
  }

  /**
   * An attestation that agrees with the decided outcome earns its re-run FLOPs (never more than the
   * recounted FLOPs of the result, nor the budget) and reputation; one that contradicts it costs
   * reputation.
   */
  private static void settleVerifier(Transition t, Result r, Attestation a, TrackSpec track) {
    Account v = t.state().requireAccount(a.verifier());
    boolean withQuorum = a.verdict().agrees() == (r.status() == Result.Status.VERIFIED);
    if (withQuorum) {
      long cap = Math.min(r.submission().run().flops(), track.budgetFlops());
      long micro = Credits.forFlops(Math.min(a.flops(), cap));
      t.put(raise(t.state(), v));
      if (micro > 0) {
        t.mint(v.id(), micro);
        t.emit(
            StateEvent.creditsMinted(t.index(), v.id(), micro, "attestation of result " + r.id()));
      }
    } else {
      t.put(lower(t.state(), v));
      t.emit(StateEvent.reputationLowered(t.index(), v.id(), "outvoted on result " + r.id()));
    }
  }

  /** {@code a} with the reputation an agreement earns, up to the policy's ceiling. */
  public static Account raise(LedgerState state, Account a) {
    long r =
        Math.min(state.policy().maxReputation(), a.reputation() + state.policy().agreementReward());
    return a.withReputation(Math.max(a.reputation(), r));
  }

  /** {@code a} with the reputation a disagreement costs, never below zero. */
  public static Account lower(LedgerState state, Account a) {
    return a.withReputation(Math.max(0, a.reputation() - state.policy().mismatchPenalty()));
  }
}
