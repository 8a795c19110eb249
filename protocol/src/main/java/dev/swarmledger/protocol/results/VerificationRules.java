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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verification outcomes: attestations, quorum, and the minting, best update and reputation changes
 * that a decision makes — all in the transition that reaches the quorum, so no reader ever sees a
 * verified result without its credits or a best without its result.
 */
public final class VerificationRules {
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
    if (!r.assigned().contains(sender)) {
      throw new Rejection(
          ErrorCode.NOT_ASSIGNED, "result " + r.id() + " is not assigned to " + sender.hex());
    }
    if (r.attestedBy(sender)) {
      throw new Rejection(ErrorCode.DUPLICATE_ATTESTATION, "already attested result " + r.id());
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
            body.reason());
    List<Attestation> all = new ArrayList<>(r.attestations());
    all.add(a);
    Result updated = r.with(r.assigned(), all);
    t.putResult(updated);
    t.emit(
        StateEvent.attestationSubmitted(
            t.index(), r.id(), sender, body.verdict().wireName(), body.valBpb()));
    if (updated.status() != Result.Status.PENDING) {
      settleVerifier(t, updated, a);
      return;
    }
    if (updated.agreeing() >= updated.quorum()) {
      decide(t, updated, Result.Status.VERIFIED);
    } else if (updated.disagreeing() >= updated.quorum()) {
      decide(t, updated, Result.Status.REJECTED);
    } else {
      topUp(t, updated.id());
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
              track.tolerance());
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
   * yet, or a split vote). Stops when the candidates run out; the result then waits for a new
   * verifier to be granted.
   */
  static void topUp(Transition t, long resultId) {
    Result r = t.state().requireResult(resultId);
    if (r.status() != Result.Status.PENDING) {
      return;
    }
    List<PublicKey> assigned = new ArrayList<>(r.assigned());
    List<PublicKey> added = new ArrayList<>();
    long agree = r.agreeing();
    long disagree = r.disagreeing();
    for (PublicKey candidate : VerifierAssignment.ranked(t.state(), r)) {
      long waiting = assigned.size() - r.attestations().size();
      if (agree + waiting >= r.quorum() || disagree + waiting >= r.quorum()) {
        break;
      }
      if (!assigned.contains(candidate)) {
        assigned.add(candidate);
        added.add(candidate);
      }
    }
    if (!added.isEmpty()) {
      t.putResult(r.with(assigned, r.attestations()));
      for (PublicKey v : added) {
        t.emit(StateEvent.workAssigned(t.index(), r.id(), v));
      }
    }
  }

  /** A trusted contributor's result not drawn for re-running: credited on its record. */
  static void acceptUnsampled(Transition t, Result r) {
    long micro = Credits.forFlops(r.submission().run().flops());
    t.mint(r.account(), micro);
    t.putResult(r.decided(Result.Status.VERIFIED, t.time(), micro, false));
    t.emit(StateEvent.resultAcceptedUnsampled(t.index(), r.id(), micro));
    if (micro > 0) {
      t.emit(StateEvent.creditsMinted(t.index(), r.account(), micro, "result " + r.id()));
    }
  }

  private static void decide(Transition t, Result r, Result.Status outcome) {
    LedgerState state = t.state();
    TrackSpec track = state.requireTrack(r.track());
    long index = t.index();
    long minted = 0;
    boolean newBest = false;
    Account contributor = state.requireAccount(r.account());
    if (outcome == Result.Status.VERIFIED) {
      minted = Credits.forFlops(r.submission().run().flops());
      Optional<Best> best = state.best(track.id());
      newBest =
          r.agreeing() >= track.bestQuorum()
              && (best.isEmpty() || r.valBpb() <= best.get().valBpb() - track.minImprovement());
      if (newBest) {
        minted = Math.addExact(minted, state.policy().newBestBonusMicro());
      }
      t.put(contributor.withStreak(contributor.streak() + 1));
      t.mint(r.account(), minted);
      if (newBest) {
        t.putBest(new Best(track.id(), r.id(), r.valBpb(), r.account(), index));
      }
    } else {
      t.put(
          contributor
              .withStreak(0)
              .withReputation(
                  Math.max(0, contributor.reputation() - state.policy().mismatchPenalty())));
      t.emit(
          StateEvent.reputationLowered(index, contributor.id(), "result " + r.id() + " rejected"));
    }
    Result decided = r.decided(outcome, t.time(), minted, newBest);
    t.putResult(decided);
    t.emit(
        StateEvent.resultDecided(
            index, outcome == Result.Status.VERIFIED, r.id(), track.id(), minted));
    if (minted > 0) {
      t.emit(StateEvent.creditsMinted(index, r.account(), minted, "result " + r.id()));
    }
    if (newBest) {
      t.emit(StateEvent.bestUpdated(index, track.id(), r.id(), r.valBpb(), r.account()));
    }
    for (Attestation a : decided.attestations()) {
      settleVerifier(t, decided, a);
    }
  }

  /**
   * An attestation that agrees with the decided outcome earns its re-run FLOPs (never more than the
   * result claimed); one that contradicts it costs reputation.
   */
  private static void settleVerifier(Transition t, Result r, Attestation a) {
    Account v = t.state().requireAccount(a.verifier());
    boolean withQuorum = a.verdict().agrees() == (r.status() == Result.Status.VERIFIED);
    if (withQuorum) {
      long micro = Credits.forFlops(Math.min(a.flops(), r.submission().run().flops()));
      if (micro > 0) {
        t.mint(v.id(), micro);
        t.emit(
            StateEvent.creditsMinted(t.index(), v.id(), micro, "attestation of result " + r.id()));
      }
    } else {
      t.put(v.withReputation(Math.max(0, v.reputation() - t.state().policy().mismatchPenalty())));
      t.emit(StateEvent.reputationLowered(t.index(), v.id(), "outvoted on result " + r.id()));
    }
  }
}
