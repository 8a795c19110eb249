package dev.swarmledger.protocol.genesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tracks.TrackCodec;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.BodyFields;

/** Wire form of the genesis body. */
public final class GenesisCodec {
  public static final BodyCodec<Genesis> GENESIS =
      BodyCodec.of(
          f ->
              new Genesis(
                  BodyFields.account(f, "operator"),
                  BodyFields.label(f, "origin", 200),
                  PolicyCodec.decode(f.object("policy")),
                  TrackCodec.decodeList(f, "tracks")),
          GenesisCodec::encode);

  private GenesisCodec() {}

  private static ObjectNode encode(Genesis g) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("operator", g.operator().hex());
    o.put("origin", g.origin());
    o.set("policy", PolicyCodec.encode(g.policy()));
    ArrayNode tracks = o.putArray("tracks");
    g.tracks().forEach(t -> tracks.add(TrackCodec.encode(t)));
    return o;
  }
}
