package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.DecimalQuantity;
import dev.swarmledger.protocol.json.JsonFields;

/** The JSON of a {@link StatsView}. */
public final class StatsJson {
  private StatsJson() {}

  public static ObjectNode encode(StatsView s) {
    ObjectNode o = Wire.object();
    o.put("log_size", s.logSize());
    o.put("accounts", s.accounts());
    o.put("verifiers", s.verifiers());
    ObjectNode results = o.putObject("results");
    results.put("pending", s.results().pending());
    results.put("verified", s.results().verified());
    results.put("rejected", s.results().rejected());
    DecimalQuantity.put(o, "verified_flops", s.verifiedFlops());
    o.put("claims_active", s.claimsActive());
    o.put("hypotheses", s.hypotheses());
    o.put("minted", s.minted());
    o.put("burned", s.burned());
    o.put("supply", s.supply());
    Wire.putList(o, "best", s.best(), BestJson::encode);
    o.put("event_subscribers", s.eventSubscribers());
    return o;
  }

  public static StatsView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "stats");
    JsonFields r = f.object("results");
    StatsView.ResultCounts counts =
        new StatsView.ResultCounts(
            Wire.count(r, "pending"), Wire.count(r, "verified"), Wire.count(r, "rejected"));
    r.done();
    StatsView s =
        new StatsView(
            Wire.count(f, "log_size"),
            Wire.count(f, "accounts"),
            Wire.count(f, "verifiers"),
            counts,
            f.flopsTotal("verified_flops"),
            Wire.count(f, "claims_active"),
            Wire.count(f, "hypotheses"),
            Wire.count(f, "minted"),
            Wire.count(f, "burned"),
            Wire.count(f, "supply"),
            Wire.list(f, "best", BestJson::decode),
            Wire.count(f, "event_subscribers"));
    f.done();
    return s;
  }
}
