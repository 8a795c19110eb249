package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.tx.ClaimCreate;
import dev.swarmledger.protocol.tx.ClaimRelease;
import dev.swarmledger.protocol.tx.CreditTransfer;
import dev.swarmledger.protocol.tx.HypothesisCreate;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.ResultSubmit;
import dev.swarmledger.protocol.tx.TrackCreate;
import dev.swarmledger.protocol.tx.TrackSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The research-coordination rules (DESIGN.md §3, §6): tracks, claims, hypotheses, results and
 * credit transfers. Each handler checks everything first and changes state only after the last
 * check; verification outcomes live in {@link VerificationRules}.
 */
final class SwarmRules {
  private SwarmRules() {}

  static void createTrack(LedgerState state, Leaf leaf, TrackCreate body, List<StateEvent> events) {
    StateMachine.requireOperator(state, leaf.tx());
    TrackSpec t = body.track();
    if (state.track(t.id()).isPresent()) {
      throw new Rejection(ErrorCode.DUPLICATE_TRACK, "track " + t.id() + " exists");
    }
    state.putTrack(t);
    events.add(StateEvent.of(leaf.index(), "track.created", "track", t.id()));
  }

  static void createClaim(LedgerState state, Leaf leaf, ClaimCreate body, List<StateEvent> events) {
    Instant now = leaf.time();
    TrackSpec track = requireTrack(state, body.track());
    checkParent(state, track, body.parent());
    Optional<Long> done = state.resultWithSource(track.id(), body.sourceSha256());
    if (done.isPresent()) {
      throw new Rejection(
          ErrorCode.DUPLICATE_SOURCE,
          "result " + done.get() + " already ran this exact source",
          OptionalLong.of(done.get()));
    }
    long threshold = state.policy().claimSimilarityPermille();
    for (Claim c : activeClaims(state, track.id(), now)) {
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
            leaf.index(),
            track.id(),
            leaf.tx().account(),
            body.description(),
            body.parent(),
            body.sourceSha256(),
            now,
            expires,
            Claim.Status.OPEN);
    state.putClaim(claim);
    events.add(
        StateEvent.of(
            leaf.index(),
            "claim.created",
            "claim",
            claim.id(),
            "track",
            track.id(),
            "account",
            claim.account().hex(),
            "description",
            claim.description(),
            "expires",
            LeafCodec.formatTime(expires)));
  }

  static void releaseClaim(
      LedgerState state, Leaf leaf, ClaimRelease body, List<StateEvent> events) {
    Claim c =
        state
            .claim(body.claim())
            .orElseThrow(
                () -> new Rejection(ErrorCode.UNKNOWN_CLAIM, "unknown claim " + body.claim()));
    if (!c.account().equals(leaf.tx().account())) {
      throw new Rejection(
          ErrorCode.NOT_CLAIM_OWNER, "claim " + c.id() + " belongs to another account");
    }
    if (!c.activeAt(leaf.time())) {
      throw new Rejection(ErrorCode.CLAIM_NOT_ACTIVE, "claim " + c.id() + " is no longer active");
    }
    state.putClaim(c.withStatus(Claim.Status.RELEASED));
    events.add(StateEvent.of(leaf.index(), "claim.released", "claim", c.id()));
  }

  static void createHypothesis(
      LedgerState state, Leaf leaf, HypothesisCreate body, List<StateEvent> events) {
    TrackSpec track = requireTrack(state, body.track());
    for (long id : body.evidence()) {
      Result r = requireResult(state, id);
      if (!r.track().equals(track.id())) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT, "evidence result " + id + " is on another track");
      }
    }
    Hypothesis h =
        new Hypothesis(
            leaf.index(),
            track.id(),
            leaf.tx().account(),
            body.title(),
            body.text(),
            body.suggestedChange(),
            body.evidence(),
            body.priority(),
            leaf.time());
    state.putHypothesis(h);
    events.add(
        StateEvent.of(
            leaf.index(),
            "hypothesis.created",
            "hypothesis",
            h.id(),
            "track",
            track.id(),
            "title",
            h.title()));
  }

  static void submitResult(
      LedgerState state, Leaf leaf, ResultSubmit body, List<StateEvent> events) {
    PublicKey sender = leaf.tx().account();
    Instant now = leaf.time();
    TrackSpec track = requireTrack(state, body.track());
    byte[] source = body.source().getBytes(StandardCharsets.UTF_8);
    if (source.length > state.policy().maxSourceBytes()) {
      throw new Rejection(
          ErrorCode.SOURCE_TOO_LARGE,
          "source is " + source.length + " bytes; the limit is " + state.policy().maxSourceBytes());
    }
    if (!Hash.sha256(source).equals(body.sourceSha256())) {
      throw new Rejection(
          ErrorCode.SOURCE_HASH_MISMATCH, "source_sha256 is not the SHA-256 of the source");
    }
    if (body.steps() > track.budgetSteps()) {
      throw new Rejection(
          ErrorCode.OVER_BUDGET,
          body.steps() + " steps exceed the track budget of " + track.budgetSteps());
    }
    if (!(body.run().valBpb() > 0) || body.run().flops() <= 0) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, "run.val_bpb and run.flops must be positive");
    }
    Optional<Long> done = state.resultWithSource(track.id(), body.sourceSha256());
    if (done.isPresent()) {
      throw new Rejection(
          ErrorCode.DUPLICATE_SOURCE,
          "result " + done.get() + " already has this exact source",
          OptionalLong.of(done.get()));
    }
    checkParent(state, track, body.parent());
    Optional<Claim> own = Optional.empty();
    for (Claim c : activeClaims(state, track.id(), now)) {
      if (c.sourceSha256().equals(body.sourceSha256())) {
        if (!c.account().equals(sender)) {
          throw new Rejection(
              ErrorCode.DUPLICATE_CLAIM,
              "claim " + c.id() + " by another account holds this source",
              OptionalLong.of(c.id()));
        }
        own = Optional.of(c);
      }
    }
    if (body.claim().isPresent()) {
      long id = body.claim().getAsLong();
      Claim c =
          state
              .claim(id)
              .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_CLAIM, "unknown claim " + id));
      if (!c.account().equals(sender)) {
        throw new Rejection(
            ErrorCode.NOT_CLAIM_OWNER, "claim " + id + " belongs to another account");
      }
      if (!c.track().equals(track.id())) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT, "claim " + id + " is on track " + c.track());
      }
      if (!c.sourceSha256().equals(body.sourceSha256())) {
        throw new Rejection(
            ErrorCode.SOURCE_HASH_MISMATCH,
            "the source differs from the one claim " + id + " announced");
      }
      if (c.status() != Claim.Status.OPEN) {
        throw new Rejection(
            ErrorCode.CLAIM_NOT_ACTIVE, "claim " + id + " was " + c.status().name().toLowerCase());
      }
      own = Optional.of(c);
    }
    // All checks passed: from here on the state changes.
    Account submitter = state.account(sender).orElseThrow();
    Hash leafHash = MerkleHash.leaf(LeafCodec.encode(leaf));
    Optional<Best> best = state.best(track.id());
    boolean candidate =
        best.isEmpty() || body.run().valBpb() <= best.get().valBpb() - track.minImprovement();
    boolean sampled =
        candidate
            || submitter.streak() < state.policy().trustedStreak()
            || drawn(leafHash, state.policy().trustedSamplePercent());
    int quorum = candidate ? track.bestQuorum() : track.ordinaryQuorum();
    own.ifPresent(c -> state.putClaim(c.withStatus(Claim.Status.FULFILLED)));
    Result r =
        new Result(
            leaf.index(),
            sender,
            body,
            leafHash,
            now,
            candidate,
            sampled,
            quorum,
            List.of(),
            List.of(),
            Result.Status.PENDING,
            Optional.empty(),
            0,
            false);
    events.add(
        StateEvent.of(
            leaf.index(),
            "result.submitted",
            "result",
            r.id(),
            "track",
            track.id(),
            "account",
            sender.hex(),
            "val_bpb",
            body.run().valBpb(),
            "candidate_best",
            candidate));
    if (!sampled) {
      VerificationRules.acceptTrusted(state, leaf, r, events);
    } else {
      state.putResult(r);
      VerificationRules.topUp(state, leaf.index(), r.id(), events);
    }
  }

  static void transfer(LedgerState state, Leaf leaf, CreditTransfer body, List<StateEvent> events) {
    Account from = state.account(leaf.tx().account()).orElseThrow();
    Account to = StateMachine.requireAccount(state, body.to());
    if (from.id().equals(to.id())) {
      throw new Rejection(ErrorCode.INVALID_ARGUMENT, "cannot transfer to yourself");
    }
    if (from.balance() < body.amount()) {
      throw new Rejection(
          ErrorCode.INSUFFICIENT_CREDITS,
          "balance " + from.balance() + " is below " + body.amount() + " micro-credits");
    }
    state.put(from.withBalance(from.balance() - body.amount(), from.escrowed()));
    Account target = state.account(to.id()).orElseThrow();
    state.put(
        target.withBalance(Math.addExact(target.balance(), body.amount()), target.escrowed()));
    events.add(
        StateEvent.of(
            leaf.index(),
            "credits.transferred",
            "from",
            from.id().hex(),
            "to",
            to.id().hex(),
            "amount",
            body.amount()));
  }

  /**
   * Claims on {@code track} active at {@code now}, newest first; stops at the first too old to
   * matter.
   */
  static List<Claim> activeClaims(LedgerState state, String track, Instant now) {
    Instant oldest = now.minusSeconds(state.policy().claimTtlSeconds());
    List<Claim> out = new ArrayList<>();
    for (Claim c : state.claimsNewestFirst()) {
      if (c.created().isBefore(oldest)) {
        break;
      }
      if (c.track().equals(track) && c.activeAt(now)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Whether a trusted contributor's ordinary result is drawn for verification. */
  static boolean drawn(Hash leafHash, long percent) {
    byte[] h =
        Hash.sha256("swarmledger/sample\n".getBytes(StandardCharsets.UTF_8), leafHash.bytes())
            .bytes();
    int v = ((h[0] & 0xff) << 8) | (h[1] & 0xff);
    return v % 100 < percent;
  }

  static TrackSpec requireTrack(LedgerState state, String id) {
    return state
        .track(id)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_TRACK, "unknown track " + id));
  }

  static Result requireResult(LedgerState state, long id) {
    return state
        .result(id)
        .orElseThrow(() -> new Rejection(ErrorCode.UNKNOWN_RESULT, "unknown result " + id));
  }

  private static void checkParent(LedgerState state, TrackSpec track, OptionalLong parent) {
    if (parent.isPresent()) {
      Result p = requireResult(state, parent.getAsLong());
      if (!p.track().equals(track.id())) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT, "parent result " + p.id() + " is on another track");
      }
    }
  }
}
