package dev.swarmledger.protocol.genesis;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.state.Transition;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.util.HashSet;
import java.util.Set;

/** Leaf 0: the operator's account, the policy and the first tracks. */
public final class GenesisRules {
  private GenesisRules() {}

  public static void apply(Transition t, Genesis g) {
    if (!g.operator().equals(t.sender())) {
      throw new Rejection(ErrorCode.NOT_OPERATOR, "genesis must be signed by its operator key");
    }
    if (t.leaf().tx().nonce() != 0) {
      throw new Rejection(ErrorCode.NONCE_TOO_HIGH, "genesis nonce must be 0");
    }
    Set<String> ids = new HashSet<>();
    for (TrackSpec track : g.tracks()) {
      if (!ids.add(track.id())) {
        throw new Rejection(
            ErrorCode.DUPLICATE_TRACK, "genesis lists track " + track.id() + " twice");
      }
    }
    t.setGenesis(g.operator(), g.origin(), g.policy());
    g.tracks().forEach(t::putTrack);
    t.put(
        Account.registered(g.operator(), "operator", g.policy().initialReputation(), 0)
            .withNextNonce(1));
    t.emit(StateEvent.genesis(t.index(), g.operator(), g.origin()));
  }
}
