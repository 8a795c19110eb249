package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.AttestationSubmit;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.TrackSpec;
import dev.swarmledger.protocol.tx.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification outcomes (DESIGN.md §6): attestations, quorum, and the minting, best update and
 * reputation changes that a decision makes — all in the transition that reaches the quorum, so no
 * reader ever sees a verified result without its credits or a best without its result.
 */
final class VerificationRules {
  private VerificationRules() {}

  static void attest(
      LedgerState state, Leaf leaf, AttestationSubmit body, List<StateEvent> events) {
    PublicKey sender = leaf.tx().account();
    Account verifier = state.account(sender).orElseThrow();
    if (!verifier.isVerifier()) {
      throw new Rejection(ErrorCode.NOT_VERIFIER, "account " + sender.hex() + " is not a verifier");
    }
    Result r = SwarmRules.requireResult(state, body.result());
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
    TrackSpec track = state.track(r.track()).orElseThrow();
    Verdict measured =
        VerdictRule.judge(
            r.submission().run(),
            body.valBpb(),
            body.flops(),
            body.finalParamHash(),
            body.hardwareClass(),
            track.tolerance());
    if ((body.verdict().agrees() || body.verdict() == Verdict.MISMATCH)
        && body.verdict() != measured) {
      throw new Rejection(
          ErrorCode.INCONSISTENT_VERDICT,
          "verdict "
              + body.verdict().wireName()
              + " contradicts the measurements, which say "
              + measured.wireName());
    }
    if (!body.verdict().agrees() && body.verdict() != Verdict.MISMATCH && body.reason().isEmpty()) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT, body.verdict().wireName() + " needs a reason");
    }
    // All checks passed.
    Attestation a =
        new Attestation(
            leaf.index(),
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
    state.putResult(updated);
    events.add(
        StateEvent.of(
            leaf.index(),
            "attestation.submitted",
            "result",
            r.id(),
            "verifier",
            sender.hex(),
            "verdict",
            body.verdict().wireName(),
            "val_bpb",
            body.valBpb()));
    if (updated.status() != Result.Status.PENDING) {
      settleVerifier(state, leaf.index(), updated, a, events);
      return;
    }
    if (updated.agreeing() >= updated.quorum()) {
      decide(state, leaf, updated, Result.Status.VERIFIED, events);
    } else if (updated.disagreeing() >= updated.quorum()) {
      decide(state, leaf, updated, Result.Status.REJECTED, events);
    } else {
      topUp(state, leaf.index(), updated.id(), events);
    }
  }

  /**
   * Assigns more verifiers while the assigned ones can no longer reach a decision either way (none
   * yet, or a split vote). Stops when the candidates run out; the result then waits for a new
   * verifier to be granted.
   */
  static void topUp(LedgerState state, long index, long resultId, List<StateEvent> events) {
    Result r = state.result(resultId).orElseThrow();
    if (r.status() != Result.Status.PENDING) {
      return;
    }
    List<PublicKey> assigned = new ArrayList<>(r.assigned());
    List<PublicKey> added = new ArrayList<>();
    long agree = r.agreeing();
    long disagree = r.disagreeing();
    for (PublicKey candidate : VerifierAssignment.ranked(state, r)) {
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
      state.putResult(r.with(assigned, r.attestations()));
      for (PublicKey v : added) {
        events.add(StateEvent.of(index, "work.assigned", "result", r.id(), "verifier", v.hex()));
      }
    }
  }

  /** A trusted contributor's result not drawn for re-running: credited on its record. */
  static void acceptTrusted(LedgerState state, Leaf leaf, Result r, List<StateEvent> events) {
    long micro = Credits.forFlops(r.submission().run().flops());
    state.mint(state.account(r.account()).orElseThrow(), micro);
    state.putResult(r.decided(Result.Status.VERIFIED, leaf.time(), micro, false));
    events.add(
        StateEvent.of(
            leaf.index(),
            "result.verified",
            "result",
            r.id(),
            "by",
            "trusted-sampling",
            "minted",
            micro));
    if (micro > 0) {
      events.add(
          StateEvent.of(
              leaf.index(),
              "credits.minted",
              "account",
              r.account().hex(),
              "amount",
              micro,
              "for",
              "result " + r.id()));
    }
  }

  private static void decide(
      LedgerState state, Leaf leaf, Result r, Result.Status outcome, List<StateEvent> events) {
    TrackSpec track = state.track(r.track()).orElseThrow();
    long index = leaf.index();
    long minted = 0;
    boolean newBest = false;
    Account contributor = state.account(r.account()).orElseThrow();
    if (outcome == Result.Status.VERIFIED) {
      minted = Credits.forFlops(r.submission().run().flops());
      var best = state.best(track.id());
      newBest =
          r.agreeing() >= track.bestQuorum()
              && (best.isEmpty() || r.valBpb() <= best.get().valBpb() - track.minImprovement());
      if (newBest) {
        minted = Math.addExact(minted, state.policy().newBestBonusMicro());
      }
      state.put(contributor.withStreak(contributor.streak() + 1));
      state.mint(state.account(r.account()).orElseThrow(), minted);
      if (newBest) {
        state.putBest(new Best(track.id(), r.id(), r.valBpb(), r.account(), index));
      }
    } else {
      state.put(
          contributor
              .withStreak(0)
              .withReputation(
                  Math.max(0, contributor.reputation() - state.policy().mismatchPenalty())));
      events.add(
          StateEvent.of(
              index,
              "reputation.lowered",
              "account",
              contributor.id().hex(),
              "reason",
              "result " + r.id() + " rejected"));
    }
    Result decided = r.decided(outcome, leaf.time(), minted, newBest);
    state.putResult(decided);
    events.add(
        StateEvent.of(
            index,
            "result." + outcome.wireName(),
            "result",
            r.id(),
            "track",
            track.id(),
            "minted",
            minted));
    if (minted > 0) {
      events.add(
          StateEvent.of(
              index,
              "credits.minted",
              "account",
              r.account().hex(),
              "amount",
              minted,
              "for",
              "result " + r.id()));
    }
    if (newBest) {
      events.add(
          StateEvent.of(
              index,
              "best.updated",
              "track",
              track.id(),
              "result",
              r.id(),
              "val_bpb",
              r.valBpb(),
              "account",
              r.account().hex()));
    }
    for (Attestation a : decided.attestations()) {
      settleVerifier(state, index, decided, a, events);
    }
  }

  /**
   * An attestation that agrees with the decided outcome earns its re-run FLOPs (never more than the
   * result claimed); one that contradicts it costs reputation.
   */
  private static void settleVerifier(
      LedgerState state, long index, Result r, Attestation a, List<StateEvent> events) {
    Account v = state.account(a.verifier()).orElseThrow();
    boolean withQuorum = a.verdict().agrees() == (r.status() == Result.Status.VERIFIED);
    if (withQuorum) {
      long micro = Credits.forFlops(Math.min(a.flops(), r.submission().run().flops()));
      if (micro > 0) {
        state.mint(v, micro);
        events.add(
            StateEvent.of(
                index,
                "credits.minted",
                "account",
                v.id().hex(),
                "amount",
                micro,
                "for",
                "attestation of result " + r.id()));
      }
    } else {
      state.put(v.withReputation(Math.max(0, v.reputation() - state.policy().mismatchPenalty())));
      events.add(
          StateEvent.of(
              index,
              "reputation.lowered",
              "account",
              v.id().hex(),
              "reason",
              "outvoted on result " + r.id()));
    }
  }
}
