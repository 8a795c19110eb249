package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultCodec;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.util.Arrays;

/**
 * The JSON of a {@link ResultView}; without source it is also the result part of the state root.
 */
public final class ResultJson {
  private ResultJson() {}

  public static ObjectNode encode(ResultView r) {
    ObjectNode o = Wire.object();
    o.put("id", r.id());
    o.put("track", r.track());
    o.put("account", r.account().hex());
    r.claim().ifPresent(c -> o.put("claim", c));
    r.parent().ifPresent(p -> o.put("parent", p));
    o.put("seed", r.seed());
    o.put("steps", r.steps());
    o.put("source_sha256", r.sourceSha256().hex());
    r.source().ifPresent(s -> o.put("source", s));
    o.set("run", ResultCodec.encodeRun(r.run()));
    o.put("val_bpb", r.valBpb());
    o.put("submitted", LeafCodec.formatTime(r.submitted()));
    o.put("leaf_hash", r.leafHash().hex());
    o.put("candidate_best", r.candidateBest());
    o.put("sampled", r.sampled());
    o.put("quorum", r.quorum());
    ArrayNode assigned = o.putArray("assigned");
    r.assigned().forEach(v -> assigned.add(v.hex()));
    Wire.putList(o, "attestations", r.attestations(), AttestationJson::encode);
    o.put("status", r.status().wireName());
    r.decided().ifPresent(d -> o.put("decided", LeafCodec.formatTime(d)));
    o.put("minted", r.minted());
    o.put("became_best", r.becameBest());
    return o;
  }

  public static ResultView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "result");
    RunSummary run = ResultCodec.decodeRun(JsonFields.of(f.raw("run"), "run"));
    f.object("run"); // marks the field read; ResultCodec checked it whole
    ResultView r =
        new ResultView(
            Wire.count(f, "id"),
            f.text("track"),
            Wire.account(f, "account"),
            Wire.optionalCount(f, "claim"),
            Wire.optionalCount(f, "parent"),
            Wire.count(f, "seed"),
            Wire.count(f, "steps"),
            Wire.hash(f, "source_sha256"),
            f.optionalText("source"),
            run,
            Wire.time(f, "submitted"),
            Wire.hash(f, "leaf_hash"),
            f.bool("candidate_best"),
            f.bool("sampled"),
            (int) f.integer("quorum", 0, 1024),
            Wire.accounts(f, "assigned"),
            Wire.list(f, "attestations", AttestationJson::decode),
            status(f.text("status")),
            Wire.optionalTime(f, "decided"),
            Wire.count(f, "minted"),
            f.bool("became_best"));
    Wire.agree(Double.compare(f.number("val_bpb"), run.valBpb()) == 0, "result.val_bpb");
    f.done();
    return r;
  }

  static Result.Status status(String wire) {
    return Arrays.stream(Result.Status.values())
        .filter(s -> s.wireName().equals(wire))
        .findFirst()
        .orElseThrow(
            () -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown result status " + wire));
  }
}
