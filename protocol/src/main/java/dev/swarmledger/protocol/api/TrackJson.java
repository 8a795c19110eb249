package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.tracks.TrackCodec;
import java.util.Optional;

/**
 * The JSON of a {@link TrackView}: the track's wire form (as in {@code track.create}) plus {@code
 * best}. The track itself goes through the transaction codec, so the two can never drift.
 */
public final class TrackJson {
  private TrackJson() {}

  public static ObjectNode encode(TrackView t) {
    ObjectNode o = TrackCodec.encode(t.spec());
    t.best().ifPresent(b -> o.set("best", BestJson.encode(b)));
    return o;
  }

  public static TrackView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "track");
    Optional<BestView> best =
        f.present("best") ? Optional.of(BestJson.decode(f.raw("best"))) : Optional.empty();
    ObjectNode spec = ((ObjectNode) json).deepCopy();
    spec.remove("best");
    return new TrackView(TrackCodec.decode(JsonFields.of(spec, "track")), best);
  }
}
