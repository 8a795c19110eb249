package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code result.submit}: a run published with its full source. Decides whether it is a candidate
 * best and whether it is sampled for re-running, then hands it to {@link VerificationRules}.
 */
public final class ResultRules {
  private ResultRules() {}

  public static void submit(Transition t, ResultSubmit body) {
    LedgerState state = t.state();
    PublicKey sender = t.sender();
    Instant now = t.time();
    TrackSpec track = state.requireTrack(body.track());
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
    if (body.run().flops() > track.budgetFlops()) {
      throw new Rejection(
          ErrorCode.OVER_BUDGET,
          body.run().flops() + " training FLOPs exceed the track budget of " + track.budgetFlops());
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
    state.requireParent(track, body.parent());
    Optional<Claim> own = ownClaim(state, track, body, sender, now);
    // All checks passed: from here on the state changes.
    Account submitter = state.requireAccount(sender);
    Hash leafHash = MerkleHash.leaf(LeafCodec.encode(t.leaf()));
    Optional<Best> best = state.best(track.id());
    boolean candidate =
        best.isEmpty() || body.run().valBpb() <= best.get().valBpb() - track.minImprovement();
    boolean sampled =
        candidate
            || submitter.streak() < state.policy().trustedStreak()
            || drawn(leafHash, samplePercent(state, submitter));
    int quorum = candidate ? track.bestQuorum() : track.ordinaryQuorum();
    own.ifPresent(c -> t.putClaim(c.withStatus(Claim.Status.FULFILLED)));
    Result r = Result.submitted(t.index(), sender, body, leafHash, now, candidate, sampled, quorum);
    t.emit(
        StateEvent.resultSubmitted(
            t.index(), r.id(), track.id(), sender, body.run().valBpb(), candidate));
    if (!sampled) {
      VerificationRules.acceptUnsampled(t, r);
    } else {
      t.putResult(r);
      VerificationRules.topUp(t, r.id());
    }
  }

  /**
   * The sender's own claim that this result fulfils, if any; refuses a source held by another
   * account's active claim, or a named claim that does not fit.
   */
  private static Optional<Claim> ownClaim(
      LedgerState state, TrackSpec track, ResultSubmit body, PublicKey sender, Instant now) {
    Optional<Claim> own = Optional.empty();
    for (Claim c : state.activeClaims(track.id(), now)) {
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
      Claim c = state.requireClaim(id);
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
    return own;
  }

  /**
   * The share of a trusted contributor's ordinary results that are re-run: the policy's rate at the
   * starting reputation, more as reputation falls (a contributor at half the starting reputation is
   * sampled twice as often), never less than the policy's rate, at most every result.
   */
  public static long samplePercent(LedgerState state, Account contributor) {
    long base = state.policy().trustedSamplePercent();
    long scaled = base * state.policy().initialReputation() / Math.max(1, contributor.reputation());
    return Math.min(100, Math.max(base, scaled));
  }

  /** Whether a trusted contributor's ordinary result is drawn for verification. */
  public static boolean drawn(Hash leafHash, long percent) {
    byte[] h =
        Hash.sha256("swarmledger/sample\n".getBytes(StandardCharsets.UTF_8), leafHash.bytes())
            .bytes();
    int v = ((h[0] & 0xff) << 8) | (h[1] & 0xff);
    return v % 100 < percent;
  }
}
