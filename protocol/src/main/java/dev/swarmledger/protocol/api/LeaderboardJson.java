package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.json.JsonFields;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The JSON of a {@link LeaderboardView}: {@code {"track":…,"leaderboard":[…]}}. */
public final class LeaderboardJson {
  private LeaderboardJson() {}

  public static ObjectNode encode(LeaderboardView l) {
    ObjectNode o = Wire.object();
    o.put("track", l.track());
    Wire.putList(o, "leaderboard", l.rows(), LeaderboardJson::encodeRow);
    return o;
  }

  public static LeaderboardView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "leaderboard");
    LeaderboardView l =
        new LeaderboardView(f.text("track"), Wire.list(f, "leaderboard", LeaderboardJson::row));
    f.done();
    return l;
  }

  static ObjectNode encodeRow(LeaderboardRow r) {
    ObjectNode n = Wire.object();
    n.put("rank", r.rank());
    n.put("account", r.account().hex());
    r.name().ifPresent(v -> n.put("name", v));
    r.earned().ifPresent(v -> n.put("earned", v));
    r.reputation().ifPresent(v -> n.put("reputation", v));
    r.bestValBpb().ifPresent(v -> n.put("best_val_bpb", v));
    r.bestResult().ifPresent(v -> n.put("best_result", v));
    n.put("verified", r.verified());
    n.put("rejected", r.rejected());
    n.put("pending", r.pending());
    n.put("minted_for_results", r.mintedForResults());
    return n;
  }

  private static LeaderboardRow row(JsonNode json) {
    JsonFields f = JsonFields.of(json, "leaderboard row");
    LeaderboardRow r =
        new LeaderboardRow(
            (int) f.integer("rank", 1, Integer.MAX_VALUE),
            Wire.account(f, "account"),
            f.optionalText("name"),
            Wire.optionalCount(f, "earned"),
            f.present("reputation")
                ? OptionalLong.of(Wire.signed(f, "reputation"))
                : OptionalLong.empty(),
            f.present("best_val_bpb")
                ? OptionalDouble.of(f.number("best_val_bpb"))
                : OptionalDouble.empty(),
            Wire.optionalCount(f, "best_result"),
            Wire.count(f, "verified"),
            Wire.count(f, "rejected"),
            Wire.count(f, "pending"),
            Wire.count(f, "minted_for_results"));
    f.done();
    return r;
  }
}
