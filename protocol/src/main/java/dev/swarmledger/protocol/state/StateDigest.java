package dev.swarmledger.protocol.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.genesis.PolicyCodec;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tracks.TrackSpec;

/**
 * A canonical description of a whole {@link LedgerState} and its SHA-256 (the state root). Two
 * replays agree exactly when their roots are equal; the auditor compares against it.
 */
public final class StateDigest {
  private StateDigest() {}

  public static Hash root(LedgerState s) {
    return Hash.sha256(StrictJson.canonical(describe(s)));
  }

  public static ObjectNode describe(LedgerState s) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("size", s.size());
    o.put("last_time", s.lastTime().toEpochMilli());
    s.operator().ifPresent(op -> o.put("operator", op.hex()));
    s.origin().ifPresent(or -> o.put("origin", or));
    if (s.hasGenesis()) {
      o.set("policy", PolicyCodec.encode(s.policy()));
    }
    o.put("minted", s.minted());
    o.put("burned", s.burned());
    ArrayNode accounts = o.putArray("accounts");
    for (Account a : s.accounts()) {
      accounts.add(StateDescriptions.account(a));
    }
    ArrayNode tracks = o.putArray("tracks");
    for (TrackSpec t : s.tracks()) {
      ObjectNode tn = StateDescriptions.track(t);
      s.best(t.id()).ifPresent(b -> tn.set("best", StateDescriptions.best(b)));
      tracks.add(tn);
    }
    ArrayNode claims = o.putArray("claims");
    s.claims().forEach(c -> claims.add(StateDescriptions.claim(c, s.lastTime())));
    ArrayNode hyps = o.putArray("hypotheses");
    s.hypotheses().forEach(h -> hyps.add(StateDescriptions.hypothesis(h)));
    ArrayNode results = o.putArray("results");
    s.results().values().forEach(r -> results.add(StateDescriptions.result(r, false)));
    return o;
  }
}
