package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.results.Lease;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultCodec;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

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
    Wire.putList(o, "leases", r.leases(), ResultJson::encodeLease);
    ArrayNode excluded = o.putArray("excluded");
    r.excluded().forEach(v -> excluded.add(v.hex()));
    Wire.putList(o, "attestations", r.attestations(), AttestationJson::encode);
    o.put("status", r.status().wireName());
    r.decided().ifPresent(d -> o.put("decided", LeafCodec.formatTime(d)));
    r.verifiedValBpb().ifPresent(v -> o.put("verified_val_bpb", v));
    o.put("minted", r.minted());
    r.challengeUntil().ifPresent(c -> o.put("challenge_until", LeafCodec.formatTime(c)));
    o.put("became_best", r.becameBest());
    r.publishedModel().ifPresent(m -> o.put("published_model", m.hex()));
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
            Wire.list(f, "leases", ResultJson::decodeLease),
            Wire.accounts(f, "excluded"),
            Wire.list(f, "attestations", AttestationJson::decode),
            status(f.text("status")),
            Wire.optionalTime(f, "decided"),
            f.present("verified_val_bpb")
                ? OptionalDouble.of(f.number("verified_val_bpb"))
                : OptionalDouble.empty(),
            Wire.count(f, "minted"),
            Wire.optionalTime(f, "challenge_until"),
            f.bool("became_best"),
            f.present("published_model")
                ? Optional.of(Wire.hash(f, "published_model"))
                : Optional.empty());
    Wire.agree(Wire.accounts(f, "assigned").equals(r.assigned()), "result.assigned");
    Wire.agree(Double.compare(f.number("val_bpb"), run.valBpb()) == 0, "result.val_bpb");
    f.done();
    return r;
  }

  private static ObjectNode encodeLease(Lease l) {
    ObjectNode o = Wire.object();
    o.put("verifier", l.verifier().hex());
    o.put("deadline", LeafCodec.formatTime(l.deadline()));
    return o;
  }

  private static Lease decodeLease(JsonNode json) {
    JsonFields f = JsonFields.of(json, "lease");
    Lease l = new Lease(Wire.account(f, "verifier"), Wire.time(f, "deadline"));
    f.done();
    return l;
  }

  static Result.Status status(String wire) {
    return Arrays.stream(Result.Status.values())
        .filter(s -> s.wireName().equals(wire))
        .findFirst()
        .orElseThrow(
            () -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown result status " + wire));
  }
}
