package dev.swarmledger.protocol.results;

import static dev.swarmledger.protocol.tx.BodyFields.MAX_LABEL_LENGTH;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.json.DecimalQuantity;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.BodyFields;
import java.util.Optional;

/**
 * Wire form of the results-and-verification family: {@code result.submit} with its run summary,
 * {@code attestation.submit}, {@code verifier.grant} and {@code verifier.revoke}.
 */
public final class ResultCodec {
  /** Most training-loss samples a run summary may carry. */
  public static final int MAX_LOSS_SAMPLES = 1000;

  public static final BodyCodec<ResultSubmit> RESULT_SUBMIT =
      BodyCodec.of(ResultCodec::decodeSubmit, ResultCodec::encodeSubmit);

  public static final BodyCodec<AttestationSubmit> ATTESTATION_SUBMIT =
      BodyCodec.of(ResultCodec::decodeAttestation, ResultCodec::encodeAttestation);

  public static final BodyCodec<VerifierGrant> VERIFIER_GRANT =
      BodyCodec.of(
          f ->
              new VerifierGrant(
                  BodyFields.account(f, "account"),
                  BodyFields.label(f, "hardware_class", MAX_LABEL_LENGTH)),
          g -> {
            ObjectNode o = StrictJson.nodes().objectNode();
            o.put("account", g.account().hex());
            o.put("hardware_class", g.hardwareClass());
            return o;
          });

  public static final BodyCodec<VerifierRevoke> VERIFIER_REVOKE =
      BodyCodec.of(
          f -> new VerifierRevoke(BodyFields.account(f, "account")),
          r -> {
            ObjectNode o = StrictJson.nodes().objectNode();
            o.put("account", r.account().hex());
            return o;
          });

  public static final BodyCodec<WorkReturn> WORK_RETURN =
      BodyCodec.of(
          f -> new WorkReturn(f.nonNegative("result")),
          w -> {
            ObjectNode o = StrictJson.nodes().objectNode();
            o.put("result", w.result());
            return o;
          });

  private ResultCodec() {}

  private static ResultSubmit decodeSubmit(JsonFields f) {
    return new ResultSubmit(
        BodyFields.label(f, "track", MAX_LABEL_LENGTH),
        BodyFields.optionalId(f, "claim"),
        BodyFields.optionalId(f, "parent"),
        f.nonNegative("seed"),
        f.integer("steps", 1, StrictJson.MAX_SAFE_INTEGER),
        f.text("source"),
        BodyFields.hash(f, "source_sha256"),
        decodeRun(f.object("run")));
  }

  private static ObjectNode encodeSubmit(ResultSubmit r) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("track", r.track());
    r.claim().ifPresent(c -> o.put("claim", c));
    r.parent().ifPresent(p -> o.put("parent", p));
    o.put("seed", r.seed());
    o.put("steps", r.steps());
    o.put("source", r.source());
    o.put("source_sha256", r.sourceSha256().hex());
    o.set("run", encodeRun(r.run()));
    return o;
  }

  /** Strictly decodes a run summary, e.g. the {@code run} of a result the API served. */
  public static RunSummary decodeRun(JsonFields r) {
    RunSummary run =
        new RunSummary(
            r.number("val_bpb"),
            r.flops("flops", 0, Long.MAX_VALUE),
            r.nonNegative("tokens"),
            BodyFields.hash(r, "final_param_hash"),
            BodyFields.hashes(r, "segment_hashes"),
            r.number("wall_seconds"),
            BodyFields.label(r, "hardware_class", MAX_LABEL_LENGTH),
            BodyFields.label(r, "device", MAX_LABEL_LENGTH),
            BodyFields.label(r, "libtorch", MAX_LABEL_LENGTH),
            BodyFields.label(r, "dtype", MAX_LABEL_LENGTH),
            (int) r.integer("threads", 1, 4096),
            BodyFields.numbers(r, "train_loss", MAX_LOSS_SAMPLES),
            r.present("sandbox")
                ? Optional.of(BodyFields.label(r, "sandbox", MAX_LABEL_LENGTH))
                : Optional.empty(),
            r.present("weights_sha256")
                ? Optional.of(BodyFields.hash(r, "weights_sha256"))
                : Optional.empty());
    r.done();
    return run;
  }

  public static ObjectNode encodeRun(RunSummary run) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("val_bpb", run.valBpb());
    DecimalQuantity.put(o, "flops", run.flops());
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
    run.sandbox().ifPresent(b -> o.put("sandbox", b));
    run.weightsSha256().ifPresent(w -> o.put("weights_sha256", w.hex()));
    return o;
  }

  private static AttestationSubmit decodeAttestation(JsonFields f) {
    long result = f.nonNegative("result");
    String v = f.text("verdict");
    Verdict verdict =
        Verdict.fromWire(v)
            .orElseThrow(() -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown verdict " + v));
    return new AttestationSubmit(
        result,
        verdict,
        f.number("val_bpb"),
        f.flops("flops", 0, Long.MAX_VALUE),
        BodyFields.hash(f, "final_param_hash"),
        BodyFields.hashes(f, "segment_hashes"),
        f.number("wall_seconds"),
        BodyFields.label(f, "hardware_class", MAX_LABEL_LENGTH),
        f.present("reason") ? Optional.of(BodyFields.text(f, "reason", 1, 1000)) : Optional.empty(),
        f.present("weights_sha256")
            ? Optional.of(BodyFields.hash(f, "weights_sha256"))
            : Optional.empty());
  }

  private static ObjectNode encodeAttestation(AttestationSubmit a) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("result", a.result());
    o.put("verdict", a.verdict().wireName());
    o.put("val_bpb", a.valBpb());
    DecimalQuantity.put(o, "flops", a.flops());
    o.put("final_param_hash", a.finalParamHash().hex());
    ArrayNode seg = o.putArray("segment_hashes");
    a.segmentHashes().forEach(h -> seg.add(h.hex()));
    o.put("wall_seconds", a.wallSeconds());
    o.put("hardware_class", a.hardwareClass());
    a.reason().ifPresent(r -> o.put("reason", r));
    a.weightsSha256().ifPresent(w -> o.put("weights_sha256", w.hex()));
    return o;
  }
}
