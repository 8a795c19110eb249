package dev.swarmledger.protocol.state;

import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.claims.Hypothesis;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.results.Best;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.Leaf;
import java.time.Instant;
import java.util.List;

/**
 * One leaf being applied: what a rule reads (the state, the leaf, its sender) and the only way it
 * can change the state or emit events. Only {@link StateMachine} creates one, so no code outside
 * the rules can write to a {@link LedgerState}. A rule makes every check before its first write.
 */
public final class Transition {
  private final LedgerState state;
  private final Leaf leaf;
  private final List<StateEvent> events;

  Transition(LedgerState state, Leaf leaf, List<StateEvent> events) {
    this.state = state;
    this.leaf = leaf;
    this.events = events;
  }

  public LedgerState state() {
    return state;
  }

  public Leaf leaf() {
    return leaf;
  }

  /** The index of the leaf, which is also the id of anything it creates. */
  public long index() {
    return leaf.index();
  }

  /** The leaf's time: the log's clock. */
  public Instant time() {
    return leaf.time();
  }

  /** The key that signed the transaction. */
  public PublicKey sender() {
    return leaf.tx().account();
  }

  public void emit(StateEvent event) {
    events.add(event);
  }

  public void put(Account a) {
    state.put(a);
  }

  public void putTrack(TrackSpec t) {
    state.putTrack(t);
  }

  public void putClaim(Claim c) {
    state.putClaim(c);
  }

  public void putHypothesis(Hypothesis h) {
    state.putHypothesis(h);
  }

  public void putResult(Result r) {
    state.putResult(r);
  }

  public void putJob(Job j) {
    state.putJob(j);
  }

  public void putAnchor(Anchor a) {
    state.putAnchor(a);
  }

  public void putBest(Best b) {
    state.putBest(b);
  }

  public void setGenesis(PublicKey operator, String origin, Policy policy) {
    state.setGenesis(operator, origin, policy);
  }

  /** Mints {@code micro} to the current version of {@code account}. */
  public void mint(PublicKey account, long micro) {
    state.mint(state.requireAccount(account), micro);
  }

  /** Mints {@code micro} as pending (not spendable until released) to {@code account}. */
  public void mintPending(PublicKey account, long micro) {
    state.mintPending(state.requireAccount(account), micro);
  }

  public void burn(long micro) {
    state.burn(micro);
  }
}
