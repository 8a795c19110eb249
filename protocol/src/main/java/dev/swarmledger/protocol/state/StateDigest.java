package dev.swarmledger.protocol.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.anchors.AnchorCodec;
import dev.swarmledger.protocol.api.AccountJson;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.ClaimJson;
import dev.swarmledger.protocol.api.ClaimView;
import dev.swarmledger.protocol.api.HypothesisJson;
import dev.swarmledger.protocol.api.HypothesisView;
import dev.swarmledger.protocol.api.JobJson;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.TrackJson;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.genesis.PolicyCodec;
import dev.swarmledger.protocol.json.StrictJson;
import java.util.function.Function;

/**
 * A canonical description of a whole {@link LedgerState} and its SHA-256 (the state root). Two
 * replays agree exactly when their roots are equal; the auditor compares against it. Each object is
 * written by the codec of the view the API serves, so the root covers exactly what clients see.
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
    put(o, "accounts", s.accounts(), a -> AccountJson.encode(AccountView.of(a)));
    put(o, "tracks", s.tracks(), t -> TrackJson.encode(TrackView.of(t, s)));
    put(o, "claims", s.claims(), c -> ClaimJson.encode(ClaimView.of(c, s.lastTime())));
    put(o, "hypotheses", s.hypotheses(), h -> HypothesisJson.encode(HypothesisView.of(h)));
    put(o, "results", s.results().values(), r -> ResultJson.encode(ResultView.of(r, false)));
    put(o, "jobs", s.jobs().values(), j -> JobJson.encode(JobView.of(j, true)));
    // Only when there are some, so the roots of logs without anchors stay what they were.
    if (!s.anchors().isEmpty()) {
      put(o, "anchors", s.anchors(), AnchorCodec::encode);
    }
    return o;
  }

  private static <T> void put(
      ObjectNode o, String name, Iterable<T> items, Function<T, ObjectNode> encode) {
    ArrayNode a = o.putArray(name);
    items.forEach(i -> a.add(encode.apply(i)));
  }
}
