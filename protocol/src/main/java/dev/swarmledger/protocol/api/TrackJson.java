package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.DataSetRef;
import dev.swarmledger.protocol.tx.TrackSpec;
import dev.swarmledger.protocol.tx.TxBodies;
import java.util.Optional;

/**
 * The JSON of a {@link TrackView}: the track's wire form (as in {@code track.create}) plus {@code
 * best}. Encoding reuses the transaction codec so the two can never drift; the tx package has no
 * public track decoder, hence the one here.
 */
public final class TrackJson {
  private TrackJson() {}

  public static ObjectNode encode(TrackView t) {
    ObjectNode o = TxBodies.track(t.spec());
    t.best().ifPresent(b -> o.set("best", BestJson.encode(b)));
    return o;
  }

  public static TrackView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "track");
    JsonFields d = f.object("data");
    DataSetRef data =
        new DataSetRef(
            d.text("url"),
            Wire.hash(d, "sha256"),
            d.integer("bytes", 1, StrictJson.MAX_SAFE_INTEGER));
    d.done();
    TrackSpec spec;
    try {
      spec =
          new TrackSpec(
              f.text("id"),
              f.text("workload"),
              data,
              f.integer("budget_steps", 1, StrictJson.MAX_SAFE_INTEGER),
              f.number("tolerance"),
              f.number("min_improvement"),
              (int) f.integer("ordinary_quorum", 1, 16),
              (int) f.integer("best_quorum", 1, 16));
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "track: " + e.getMessage());
    }
    TrackView t =
        new TrackView(
            spec,
            f.present("best") ? Optional.of(BestJson.decode(f.raw("best"))) : Optional.empty());
    f.done();
    return t;
  }
}
