package dev.swarmledger.protocol.tracks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.json.DecimalQuantity;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.BodyFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Wire form of track specifications and of {@code track.create}. */
public final class TrackCodec {
  /** Most tracks one genesis may define. */
  public static final int MAX_TRACKS = 64;

  public static final BodyCodec<TrackCreate> TRACK_CREATE =
      BodyCodec.of(f -> new TrackCreate(decode(f.object("track"))), t -> create(t.track()));

  private TrackCodec() {}

  private static ObjectNode create(TrackSpec t) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.set("track", encode(t));
    return o;
  }

  public static ObjectNode encode(TrackSpec t) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", t.id());
    o.put("workload", t.workload());
    ObjectNode d = o.putObject("data");
    d.put("url", t.data().url());
    d.put("sha256", t.data().sha256().hex());
    d.put("bytes", t.data().bytes());
    t.data().zipEntry().ifPresent(e -> d.put("zip_entry", e));
    t.data().zipSha256().ifPresent(h -> d.put("zip_sha256", h.hex()));
    t.split()
        .ifPresent(
            s -> {
              ObjectNode split = o.putObject("split");
              split.put("train_bytes", s.trainBytes());
              split.put("validation_bytes", s.validationBytes());
            });
    DecimalQuantity.put(o, "budget_flops", t.budgetFlops());
    o.put("tolerance", t.tolerance());
    o.put("min_improvement", t.minImprovement());
    o.put("ordinary_quorum", t.ordinaryQuorum());
    o.put("best_quorum", t.bestQuorum());
    return o;
  }

  /** Strictly decodes one track object, refusing unknown fields. */
  public static TrackSpec decode(JsonFields t) {
    String id = BodyFields.label(t, "id", BodyFields.MAX_LABEL_LENGTH);
    if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          "track id must be lowercase letters, digits, '.', '_' or '-'");
    }
    String workload = BodyFields.label(t, "workload", BodyFields.MAX_LABEL_LENGTH);
    JsonFields d = t.object("data");
    String url = BodyFields.text(d, "url", 1, 2000);
    Hash sha256 = BodyFields.hash(d, "sha256");
    long bytes = d.integer("bytes", 1, StrictJson.MAX_SAFE_INTEGER);
    Optional<String> zipEntry =
        d.present("zip_entry")
            ? Optional.of(BodyFields.label(d, "zip_entry", 200))
            : Optional.empty();
    Optional<Hash> zipSha256 =
        d.present("zip_sha256") ? Optional.of(BodyFields.hash(d, "zip_sha256")) : Optional.empty();
    d.done();
    if (zipEntry.isPresent() != zipSha256.isPresent()) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          d.where() + ": zip_entry and zip_sha256 (the archive's SHA-256) come together");
    }
    DataSetRef data = new DataSetRef(url, sha256, bytes, zipEntry, zipSha256);
    Optional<ByteSplit> split = Optional.empty();
    if (t.present("split")) {
      JsonFields s = t.object("split");
      long train = s.integer("train_bytes", 1, StrictJson.MAX_SAFE_INTEGER);
      long validation = s.integer("validation_bytes", 1, StrictJson.MAX_SAFE_INTEGER);
      s.done();
      split = Optional.of(new ByteSplit(train, validation));
    }
    TrackSpec spec;
    try {
      spec =
          new TrackSpec(
              id,
              workload,
              data,
              t.flops("budget_flops", 1, Long.MAX_VALUE),
              t.number("tolerance"),
              t.number("min_improvement"),
              (int) t.integer("ordinary_quorum", 1, 16),
              (int) t.integer("best_quorum", 1, 16),
              split);
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "track: " + e.getMessage());
    }
    t.done();
    return spec;
  }

  /** The optional {@code tracks} array of a body. */
  public static List<TrackSpec> decodeList(JsonFields f, String name) {
    List<TrackSpec> out = new ArrayList<>();
    if (f.present(name)) {
      for (JsonNode n : f.array(name, MAX_TRACKS)) {
        out.add(decode(JsonFields.of(n, f.where() + "." + name + "[]")));
      }
    }
    return out;
  }
}
