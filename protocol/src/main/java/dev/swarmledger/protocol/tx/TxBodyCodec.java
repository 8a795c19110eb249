package dev.swarmledger.protocol.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Strict JSON mapping of every transaction body; the wire format of the log. */
final class TxBodyCodec {
  static final int MAX_NAME_LENGTH = 40;
  static final int MAX_LABEL_LENGTH = 64;
  static final int MAX_DESCRIPTION_LENGTH = 500;
  static final int MAX_TEXT_LENGTH = 4000;
  static final int MAX_SEGMENTS = 4096;
  static final int MAX_LOSS_SAMPLES = 1000;
  static final int MAX_EVIDENCE = 20;
  static final int MAX_TRACKS = 64;

  private TxBodyCodec() {}

  static TxBody decode(TxType type, JsonFields f) {
    TxBody body =
        switch (type) {
          case GENESIS ->
              new Genesis(
                  TxCodec.accountId(f.text("operator"), "body.operator"),
                  label(f, "origin", 200),
                  PolicyCodec.decode(f.object("policy")),
                  tracks(f));
          case ACCOUNT_REGISTER -> new AccountRegister(Names.requireValid(f.text("name")));
          case VERIFIER_GRANT ->
              new VerifierGrant(
                  TxCodec.accountId(f.text("account"), "body.account"),
                  label(f, "hardware_class", MAX_LABEL_LENGTH));
          case VERIFIER_REVOKE ->
              new VerifierRevoke(TxCodec.accountId(f.text("account"), "body.account"));
          case TRACK_CREATE -> new TrackCreate(track(f.object("track")));
          case CLAIM_CREATE ->
              new ClaimCreate(
                  label(f, "track", MAX_LABEL_LENGTH),
                  text(f, "description", 1, MAX_DESCRIPTION_LENGTH),
                  optionalId(f, "parent"),
                  hash(f, "source_sha256"));
          case CLAIM_RELEASE -> new ClaimRelease(f.nonNegative("claim"));
          case HYPOTHESIS_CREATE ->
              new HypothesisCreate(
                  label(f, "track", MAX_LABEL_LENGTH),
                  text(f, "title", 1, 120),
                  text(f, "text", 1, MAX_TEXT_LENGTH),
                  f.present("suggested_change")
                      ? text(f, "suggested_change", 0, MAX_TEXT_LENGTH)
                      : "",
                  ids(f, "evidence"),
                  (int) f.integer("priority", 0, 5));
          case RESULT_SUBMIT -> resultSubmit(f);
          case ATTESTATION_SUBMIT -> attestation(f);
          case CREDIT_TRANSFER ->
              new CreditTransfer(
                  TxCodec.accountId(f.text("to"), "body.to"),
                  f.integer("amount", 1, StrictJson.MAX_SAFE_INTEGER),
                  f.present("memo") ? Optional.of(text(f, "memo", 0, 200)) : Optional.empty());
        };
    f.done();
    return body;
  }

  private static ResultSubmit resultSubmit(JsonFields f) {
    String track = label(f, "track", MAX_LABEL_LENGTH);
    OptionalLong claim = optionalId(f, "claim");
    OptionalLong parent = optionalId(f, "parent");
    long seed = f.nonNegative("seed");
    long steps = f.integer("steps", 1, StrictJson.MAX_SAFE_INTEGER);
    String source = f.text("source");
    Hash sourceSha = hash(f, "source_sha256");
    RunSummary run = decodeRun(f.object("run"));
    return new ResultSubmit(track, claim, parent, seed, steps, source, sourceSha, run);
  }

  static RunSummary decodeRun(JsonFields r) {
    RunSummary run =
        new RunSummary(
            r.number("val_bpb"),
            r.nonNegative("flops"),
            r.nonNegative("tokens"),
            hash(r, "final_param_hash"),
            hashes(r, "segment_hashes"),
            r.number("wall_seconds"),
            label(r, "hardware_class", MAX_LABEL_LENGTH),
            label(r, "device", MAX_LABEL_LENGTH),
            label(r, "libtorch", MAX_LABEL_LENGTH),
            label(r, "dtype", MAX_LABEL_LENGTH),
            (int) r.integer("threads", 1, 4096),
            numbers(r, "train_loss", MAX_LOSS_SAMPLES));
    r.done();
    return run;
  }

  private static AttestationSubmit attestation(JsonFields f) {
    long result = f.nonNegative("result");
    String v = f.text("verdict");
    Verdict verdict =
        Verdict.fromWire(v)
            .orElseThrow(() -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown verdict " + v));
    return new AttestationSubmit(
        result,
        verdict,
        f.number("val_bpb"),
        f.nonNegative("flops"),
        hash(f, "final_param_hash"),
        hashes(f, "segment_hashes"),
        f.number("wall_seconds"),
        label(f, "hardware_class", MAX_LABEL_LENGTH),
        f.present("reason") ? Optional.of(text(f, "reason", 1, 1000)) : Optional.empty());
  }

  static ObjectNode encode(TxBody body) {
    ObjectNode o = StrictJson.nodes().objectNode();
    if (body instanceof Genesis g) {
      o.put("operator", g.operator().hex());
      o.put("origin", g.origin());
      o.set("policy", PolicyCodec.encode(g.policy()));
      ArrayNode tracks = o.putArray("tracks");
      g.tracks().forEach(t -> tracks.add(encodeTrack(t)));
    } else if (body instanceof AccountRegister r) {
      o.put("name", r.name());
    } else if (body instanceof VerifierGrant g) {
      o.put("account", g.account().hex());
      o.put("hardware_class", g.hardwareClass());
    } else if (body instanceof VerifierRevoke r) {
      o.put("account", r.account().hex());
    } else if (body instanceof TrackCreate t) {
      o.set("track", encodeTrack(t.track()));
    } else if (body instanceof ClaimCreate c) {
      o.put("track", c.track());
      o.put("description", c.description());
      c.parent().ifPresent(p -> o.put("parent", p));
      o.put("source_sha256", c.sourceSha256().hex());
    } else if (body instanceof ClaimRelease c) {
      o.put("claim", c.claim());
    } else if (body instanceof HypothesisCreate h) {
      o.put("track", h.track());
      o.put("title", h.title());
      o.put("text", h.text());
      o.put("suggested_change", h.suggestedChange());
      ArrayNode ev = o.putArray("evidence");
      h.evidence().forEach(ev::add);
      o.put("priority", h.priority());
    } else if (body instanceof ResultSubmit r) {
      o.put("track", r.track());
      r.claim().ifPresent(c -> o.put("claim", c));
      r.parent().ifPresent(p -> o.put("parent", p));
      o.put("seed", r.seed());
      o.put("steps", r.steps());
      o.put("source", r.source());
      o.put("source_sha256", r.sourceSha256().hex());
      o.set("run", encodeRun(r.run()));
    } else if (body instanceof AttestationSubmit a) {
      o.put("result", a.result());
      o.put("verdict", a.verdict().wireName());
      o.put("val_bpb", a.valBpb());
      o.put("flops", a.flops());
      o.put("final_param_hash", a.finalParamHash().hex());
      ArrayNode seg = o.putArray("segment_hashes");
      a.segmentHashes().forEach(h -> seg.add(h.hex()));
      o.put("wall_seconds", a.wallSeconds());
      o.put("hardware_class", a.hardwareClass());
      a.reason().ifPresent(r -> o.put("reason", r));
    } else if (body instanceof CreditTransfer t) {
      o.put("to", t.to().hex());
      o.put("amount", t.amount());
      t.memo().ifPresent(m -> o.put("memo", m));
    } else {
      throw new IllegalArgumentException("no codec for " + body.type());
    }
    return o;
  }

  static ObjectNode encodeRun(RunSummary run) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("val_bpb", run.valBpb());
    o.put("flops", run.flops());
    o.put("tokens", run.tokens());
    o.put("final_param_hash", run.finalParamHash().hex());
    ArrayNode seg = o.putArray("segment_hashes");
    run.segmentHashes().forEach(h -> seg.add(h.hex()));
    o.put("wall_seconds", run.wallSeconds());
    o.put("hardware_class", run.hardwareClass());
    o.put("device", run.device());
    o.put("libtorch", run.libtorch());
    o.put("dtype", run.dtype());
    o.put("threads", run.threads());
    ArrayNode loss = o.putArray("train_loss");
    run.trainLoss().forEach(loss::add);
    return o;
  }

  static ObjectNode encodeTrack(TrackSpec t) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("id", t.id());
    o.put("workload", t.workload());
    ObjectNode d = o.putObject("data");
    d.put("url", t.data().url());
    d.put("sha256", t.data().sha256().hex());
    d.put("bytes", t.data().bytes());
    o.put("budget_steps", t.budgetSteps());
    o.put("tolerance", t.tolerance());
    o.put("min_improvement", t.minImprovement());
    o.put("ordinary_quorum", t.ordinaryQuorum());
    o.put("best_quorum", t.bestQuorum());
    return o;
  }

  private static List<TrackSpec> tracks(JsonFields f) {
    List<TrackSpec> out = new ArrayList<>();
    if (f.present("tracks")) {
      for (JsonNode n : f.array("tracks", MAX_TRACKS)) {
        out.add(track(JsonFields.of(n, f.where() + ".tracks[]")));
      }
    }
    return out;
  }

  private static TrackSpec track(JsonFields t) {
    String id = label(t, "id", MAX_LABEL_LENGTH);
    if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          "track id must be lowercase letters, digits, '.', '_' or '-'");
    }
    String workload = label(t, "workload", MAX_LABEL_LENGTH);
    JsonFields d = t.object("data");
    DataSetRef data =
        new DataSetRef(
            text(d, "url", 1, 2000),
            hash(d, "sha256"),
            d.integer("bytes", 1, StrictJson.MAX_SAFE_INTEGER));
    d.done();
    TrackSpec spec;
    try {
      spec =
          new TrackSpec(
              id,
              workload,
              data,
              t.integer("budget_steps", 1, StrictJson.MAX_SAFE_INTEGER),
              t.number("tolerance"),
              t.number("min_improvement"),
              (int) t.integer("ordinary_quorum", 1, 16),
              (int) t.integer("best_quorum", 1, 16));
    } catch (IllegalArgumentException e) {
      throw new Rejection(ErrorCode.OUT_OF_RANGE, "track: " + e.getMessage());
    }
    t.done();
    return spec;
  }

  private static OptionalLong optionalId(JsonFields f, String name) {
    return f.present(name) ? OptionalLong.of(f.nonNegative(name)) : OptionalLong.empty();
  }

  private static List<Long> ids(JsonFields f, String name) {
    List<Long> out = new ArrayList<>();
    if (!f.present(name)) {
      return out;
    }
    for (JsonNode n : f.array(name, MAX_EVIDENCE)) {
      if (!n.isIntegralNumber() || n.longValue() < 0) {
        throw new Rejection(ErrorCode.WRONG_TYPE, f.where() + "." + name + " must hold result ids");
      }
      out.add(n.longValue());
    }
    return out;
  }

  private static List<Double> numbers(JsonFields f, String name, int max) {
    List<Double> out = new ArrayList<>();
    for (JsonNode n : f.array(name, max)) {
      if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
        throw new Rejection(ErrorCode.WRONG_TYPE, f.where() + "." + name + " must hold numbers");
      }
      out.add(n.doubleValue());
    }
    return out;
  }

  static Hash hash(JsonFields f, String name) {
    String hex = f.text(name);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT,
          f.where() + "." + name + " must be 64 lowercase hex characters");
    }
    return Hash.fromHex(hex);
  }

  private static List<Hash> hashes(JsonFields f, String name) {
    List<Hash> out = new ArrayList<>();
    for (String hex : f.textArray(name, MAX_SEGMENTS)) {
      if (!hex.matches("[0-9a-f]{64}")) {
        throw new Rejection(
            ErrorCode.INVALID_ARGUMENT, f.where() + "." + name + " must hold 64-hex-digit hashes");
      }
      out.add(Hash.fromHex(hex));
    }
    return out;
  }

  /** A short single-line label: printable, 1..max characters, no newlines or tabs. */
  static String label(JsonFields f, String name, int max) {
    String s = text(f, name, 1, max);
    if (!Names.printable(s)) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT, f.where() + "." + name + " must be a single line");
    }
    return s;
  }

  /** Free text: min..max code points, printable apart from newlines and tabs in long texts. */
  static String text(JsonFields f, String name, int min, int max) {
    String s = f.text(name);
    int n = s.codePointCount(0, s.length());
    if (n < min || n > max) {
      throw new Rejection(
          ErrorCode.OUT_OF_RANGE,
          f.where() + "." + name + " must be " + min + " to " + max + " characters");
    }
    if (!Names.printable(s.replace('\n', ' ').replace('\t', ' '))) {
      throw new Rejection(
          ErrorCode.INVALID_ARGUMENT, f.where() + "." + name + " has control characters");
    }
    return s;
  }
}
