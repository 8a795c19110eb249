package dev.swarmledger.protocol.claims;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Coordination before a run: claims (with log-time expiry and duplicate detection by source hash
 * and by description) and hypotheses.
 */
public final class ClaimRules {
  private ClaimRules() {}

  public static void create(Transition t, ClaimCreate body) {
    LedgerState state = t.state();
    Instant now = t.time();
    TrackSpec track = state.requireTrack(body.track());
    state.requireParent(track, body.parent());
    Optional<Long> done = state.resultWithSource(track.id(), body.sourceSha256());
    if (done.isPresent()) {
      throw new Rejection(
          ErrorCode.DUPLICATE_SOURCE,
          "result " + done.get() + " already ran this exact source",
          OptionalLong.of(done.get()));
    }
    long threshold = state.policy().claimSimilarityPermille();
    for (Claim c : state.activeClaims(track.id(), now)) {
      if (c.sourceSha256().equals(body.sourceSha256())) {
        throw new Rejection(
            ErrorCode.DUPLICATE_CLAIM,
            "claim " + c.id() + " is already running this exact source",
            OptionalLong.of(c.id()));
      }
      long sim = ClaimSimilarity.permille(c.description(), body.description());
      if (sim >= threshold) {
        throw new Rejection(
            ErrorCode.DUPLICATE_CLAIM,
            "claim "
                + c.id()
                + " describes the same idea (similarity "
                + sim
                + "/1000 >= "
                + threshold
                + "): \""
                + c.description()
                + "\"",
            OptionalLong.of(c.id()));
      }
    }
    Instant expires = now.plusSeconds(state.policy().claimTtlSeconds());
    Claim claim =
        new Claim(
            t.index(),
            track.id(),
            t.sender(),
            body.description(),
            body.parent(),
            body.sourceSha256(),
            now,
            expires,
            Claim.Status.OPEN);
    t.putClaim(claim);
    t.emit(
        StateEvent.claimCreated(
            t.index(),
            claim.id(),
            track.id(),
            claim.account(),
            claim.description(),
            LeafCodec.formatTime(expires)));
  }

  public static void release(Transition t, ClaimRelease body) {
    Claim c = t.state().requireClaim(body.claim());
    if (!c.account().equals(t.sender())) {
      throw new Rejection(
          ErrorCode.NOT_CLAIM_OWNER, "claim " + c.id() + " belongs to another account");
    }
    if (!c.activeAt(t.time())) {
      throw new Rejection(ErrorCode.CLAIM_NOT_ACTIVE, "claim " + c.id() + " is no longer active");
    }
    t.putClaim(c.withStatus(Claim.Status.RELEASED));
    t.emit(StateEvent.claimReleased(t.index(), c.id()));
  }

  public static void hypothesize(Transition t, HypothesisCreate body) {
    TrackSpec track = t.state().requireTrack(body.track());
    for (long id : body.evidence()) {
      Result r = t.state().requireResult(id);
      if (!r.track().equals(track.id())) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT, "evidence result " + id + " is on another track");
      }
    }
    Hypothesis h =
        new Hypothesis(
            t.index(),
            track.id(),
            t.sender(),
            body.title(),
            body.text(),
            body.suggestedChange(),
            body.evidence(),
            body.priority(),
            t.time());
    t.putHypothesis(h);
    t.emit(StateEvent.hypothesisCreated(t.index(), h.id(), track.id(), h.title()));
  }
}
