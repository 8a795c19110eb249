package dev.swarmledger.protocol.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.claims.Hypothesis;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.Attestation;
import dev.swarmledger.protocol.results.Best;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.ResultCodec;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.tracks.TrackCodec;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.time.Instant;

/**
 * The JSON shapes of state objects, shared by the state root (so the auditor compares exactly what
 * the API serves) and the HTTP API.
 */
public final class StateDescriptions {
  private StateDescriptions() {}

  public static ObjectNode account(Account a) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", a.id().hex());
    o.put("name", a.name());
    o.put("next_nonce", a.nextNonce());
    o.put("balance", a.balance());
    o.put("escrowed", a.escrowed());
    o.put("earned", a.earned());
    o.put("reputation", a.reputation());
    ArrayNode roles = o.putArray("roles");
    a.verifierClass()
        .ifPresent(
            c -> {
              roles.add("verifier");
              o.put("hardware_class", c);
            });
    o.put("streak", a.streak());
    o.put("registered_at", a.registeredAt());
    return o;
  }

  public static ObjectNode track(TrackSpec t) {
    return TrackCodec.encode(t);
  }

  public static ObjectNode best(Best b) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("track", b.track());
    o.put("result", b.result());
    o.put("val_bpb", b.valBpb());
    o.put("account", b.account().hex());
    o.put("since", b.since());
    return o;
  }

  public static ObjectNode claim(Claim c, Instant now) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", c.id());
    o.put("track", c.track());
    o.put("account", c.account().hex());
    o.put("description", c.description());
    c.parent().ifPresent(p -> o.put("parent", p));
    o.put("source_sha256", c.sourceSha256().hex());
    o.put("created", LeafCodec.formatTime(c.created()));
    o.put("expires", LeafCodec.formatTime(c.expires()));
    o.put(
        "status",
        c.status() == Claim.Status.OPEN && !c.activeAt(now)
            ? "expired"
            : c.status().name().toLowerCase());
    return o;
  }

  public static ObjectNode hypothesis(Hypothesis h) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", h.id());
    o.put("track", h.track());
    o.put("account", h.account().hex());
    o.put("title", h.title());
    o.put("text", h.text());
    o.put("suggested_change", h.suggestedChange());
    ArrayNode ev = o.putArray("evidence");
    h.evidence().forEach(ev::add);
    o.put("priority", h.priority());
    o.put("created", LeafCodec.formatTime(h.created()));
    return o;
  }

  /** A result; with {@code withSource} the full experiment source is included. */
  public static ObjectNode result(Result r, boolean withSource) {
    ResultSubmit s = r.submission();
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", r.id());
    o.put("track", s.track());
    o.put("account", r.account().hex());
    s.claim().ifPresent(c -> o.put("claim", c));
    s.parent().ifPresent(p -> o.put("parent", p));
    o.put("seed", s.seed());
    o.put("steps", s.steps());
    o.put("source_sha256", s.sourceSha256().hex());
    if (withSource) {
      o.put("source", s.source());
    }
    o.set("run", ResultCodec.encodeRun(s.run()));
    o.put("val_bpb", s.run().valBpb());
    o.put("submitted", LeafCodec.formatTime(r.submitted()));
    o.put("leaf_hash", r.leafHash().hex());
    o.put("candidate_best", r.candidateBest());
    o.put("sampled", r.sampled());
    o.put("quorum", r.quorum());
    ArrayNode assigned = o.putArray("assigned");
    r.assigned().forEach(v -> assigned.add(v.hex()));
    ArrayNode atts = o.putArray("attestations");
    for (Attestation a : r.attestations()) {
      ObjectNode an = atts.addObject();
      an.put("index", a.index());
      an.put("verifier", a.verifier().hex());
      an.put("verdict", a.verdict().wireName());
      an.put("val_bpb", a.valBpb());
      an.put("flops", a.flops());
      an.put("final_param_hash", a.finalParamHash().hex());
      ArrayNode seg = an.putArray("segment_hashes");
      a.segmentHashes().forEach(h -> seg.add(h.hex()));
      an.put("wall_seconds", a.wallSeconds());
      an.put("hardware_class", a.hardwareClass());
      a.reason().ifPresent(x -> an.put("reason", x));
    }
    o.put("status", r.status().wireName());
    r.decided().ifPresent(d -> o.put("decided", LeafCodec.formatTime(d)));
    o.put("minted", r.mintedMicro());
    o.put("became_best", r.becameBest());
    return o;
  }
}
