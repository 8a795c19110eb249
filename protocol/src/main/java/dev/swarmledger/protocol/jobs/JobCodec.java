package dev.swarmledger.protocol.jobs;

import static dev.swarmledger.protocol.tx.BodyFields.MAX_LABEL_LENGTH;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.crypto.Base64Strict;
import dev.swarmledger.protocol.json.DecimalQuantity;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.ResultCodec;
import dev.swarmledger.protocol.tx.BodyCodec;
import dev.swarmledger.protocol.tx.BodyFields;
import java.util.Base64;
import java.util.Optional;

/**
 * Wire form of the jobs family: {@code job.create}, {@code job.lease}, {@code job.complete}, {@code
 * job.attest}, {@code job.cancel}, {@code worker.grant} and {@code worker.revoke}
 * (docs/protocol.md, "Jobs").
 */
public final class JobCodec {
  /** Largest FLOP budget a training job may ask for: 10^21, a thousand times enwik8's budget. */
  public static final long MAX_BUDGET_FLOPS = 1_000_000_000_000_000_000L;

  public static final BodyCodec<JobCreate> JOB_CREATE =
      BodyCodec.of(JobCodec::decodeCreate, JobCodec::encodeCreate);

  public static final BodyCodec<JobLease> JOB_LEASE =
      BodyCodec.of(f -> new JobLease(f.nonNegative("job")), l -> job(l.job()));

  public static final BodyCodec<JobCancel> JOB_CANCEL =
      BodyCodec.of(f -> new JobCancel(f.nonNegative("job")), c -> job(c.job()));

  public static final BodyCodec<JobComplete> JOB_COMPLETE =
      BodyCodec.of(
          f ->
              new JobComplete(
                  f.nonNegative("job"),
                  BodyFields.label(f, "hardware_class", MAX_LABEL_LENGTH),
                  decodeOutput(f)),
          c -> {
            ObjectNode o = job(c.job());
            o.put("hardware_class", c.hardwareClass());
            encodeOutput(o, c.output());
            return o;
          });

  public static final BodyCodec<JobAttest> JOB_ATTEST =
      BodyCodec.of(JobCodec::decodeAttest, JobCodec::encodeAttest);

  public static final BodyCodec<WorkerGrant> WORKER_GRANT =
      BodyCodec.of(
          f ->
              new WorkerGrant(
                  BodyFields.account(f, "account"),
                  BodyFields.label(f, "hardware_class", MAX_LABEL_LENGTH)),
          g -> {
            ObjectNode o = StrictJson.nodes().objectNode();
            o.put("account", g.account().hex());
            o.put("hardware_class", g.hardwareClass());
            return o;
          });

  public static final BodyCodec<WorkerRevoke> WORKER_REVOKE =
      BodyCodec.of(
          f -> new WorkerRevoke(BodyFields.account(f, "account")),
          r -> {
            ObjectNode o = StrictJson.nodes().objectNode();
            o.put("account", r.account().hex());
            return o;
          });

  private JobCodec() {}

  private static ObjectNode job(long id) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put("job", id);
    return o;
  }

  private static JobCreate decodeCreate(JsonFields f) {
    return new JobCreate(
        decodeSpec(f),
        f.integer("price_micro", 1, StrictJson.MAX_SAFE_INTEGER),
        f.integer("max_micro", 1, StrictJson.MAX_SAFE_INTEGER));
  }

  /** The spec's fields, as {@code job.create} and the job views spell them. */
  public static JobSpec decodeSpec(JsonFields f) {
    String k = f.text("kind");
    JobKind kind =
        JobKind.fromWire(k)
            .orElseThrow(() -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown job kind " + k));
    return kind == JobKind.TRAIN ? decodeTrain(f) : decodeInfer(f);
  }

  private static TrainSpec decodeTrain(JsonFields f) {
    return new TrainSpec(
        BodyFields.label(f, "track", MAX_LABEL_LENGTH),
        f.text("source"),
        BodyFields.hash(f, "source_sha256"),
        BodyFields.optionalId(f, "from_result"),
        f.nonNegative("seed"),
        f.flops("budget_flops", 1, MAX_BUDGET_FLOPS));
  }

  private static InferSpec decodeInfer(JsonFields f) {
    long model = f.nonNegative("model");
    String m = f.text("mode");
    if (m.equals("generate")) {
      byte[] prompt = bytes(f, "prompt", 1);
      int n = (int) f.integer("bytes", 1, InferSpec.MAX_BYTES);
      return new InferSpec(model, InferSpec.Mode.GENERATE, prompt, n);
    }
    if (m.equals("score")) {
      return new InferSpec(model, InferSpec.Mode.SCORE, bytes(f, "text", 2), 0);
    }
    throw new Rejection(
        ErrorCode.INVALID_ARGUMENT, "unknown inference mode " + m + " (generate or score)");
  }

  private static byte[] bytes(JsonFields f, String name, int min) {
    byte[] b = Base64Strict.decode(f.text(name), f.where() + "." + name);
    if (b.length < min || b.length > InferSpec.MAX_BYTES) {
      throw new Rejection(
          ErrorCode.OUT_OF_RANGE,
          f.where()
              + "."
              + name
              + " has "
              + b.length
              + " bytes; it must have "
              + min
              + " to "
              + InferSpec.MAX_BYTES);
    }
    return b;
  }

  private static ObjectNode encodeCreate(JobCreate c) {
    ObjectNode o = StrictJson.nodes().objectNode();
    encodeSpec(o, c.spec(), true);
    o.put("price_micro", c.priceMicro());
    o.put("max_micro", c.maxMicro());
    return o;
  }

  /** Writes the spec's fields into {@code o}; a training source only when {@code withSource}. */
  public static void encodeSpec(ObjectNode o, JobSpec spec, boolean withSource) {
    o.put("kind", spec.kind().wireName());
    if (spec instanceof TrainSpec t) {
      o.put("track", t.track());
      if (withSource) {
        o.put("source", t.source());
      }
      o.put("source_sha256", t.sourceSha256().hex());
      t.fromResult().ifPresent(r -> o.put("from_result", r));
      o.put("seed", t.seed());
      DecimalQuantity.put(o, "budget_flops", t.budgetFlops());
    } else {
      InferSpec i = (InferSpec) spec;
      o.put("model", i.model());
      o.put("mode", i.mode().wireName());
      String input = Base64.getEncoder().encodeToString(i.input());
      if (i.mode() == InferSpec.Mode.GENERATE) {
        o.put("prompt", input);
        o.put("bytes", i.bytes());
      } else {
        o.put("text", input);
      }
    }
  }

  /** A training run ({@code run}) or an inference output ({@code output_sha256}, flops, time). */
  public static JobOutput decodeOutput(JsonFields f) {
    if (f.present("run")) {
      try {
        return new JobOutput.Trained(ResultCodec.decodeRun(f.object("run")));
      } catch (IllegalArgumentException e) {
        throw new Rejection(ErrorCode.INVALID_ARGUMENT, f.where() + ".run: " + e.getMessage());
      }
    }
    return new JobOutput.Inferred(
        BodyFields.hash(f, "output_sha256"),
        f.flops("flops", 0, Long.MAX_VALUE),
        f.number("wall_seconds"));
  }

  public static void encodeOutput(ObjectNode o, JobOutput output) {
    if (output instanceof JobOutput.Trained t) {
      o.set("run", ResultCodec.encodeRun(t.run()));
    } else {
      JobOutput.Inferred i = (JobOutput.Inferred) output;
      o.put("output_sha256", i.outputSha256().hex());
      DecimalQuantity.put(o, "flops", i.flops());
      o.put("wall_seconds", i.wallSeconds());
    }
  }

  private static JobAttest decodeAttest(JsonFields f) {
    long job = f.nonNegative("job");
    String v = f.text("verdict");
    JobVerdict verdict =
        JobVerdict.fromWire(v)
            .orElseThrow(
                () -> new Rejection(ErrorCode.INVALID_ARGUMENT, "unknown job verdict " + v));
    String hardwareClass = BodyFields.label(f, "hardware_class", MAX_LABEL_LENGTH);
    Optional<JobOutput> measured =
        f.present("run") || f.present("output_sha256")
            ? Optional.of(decodeOutput(f))
            : Optional.empty();
    Optional<String> reason =
        f.present("reason") ? Optional.of(BodyFields.text(f, "reason", 1, 1000)) : Optional.empty();
    return new JobAttest(job, verdict, hardwareClass, measured, reason);
  }

  private static ObjectNode encodeAttest(JobAttest a) {
    ObjectNode o = job(a.job());
    o.put("verdict", a.verdict().wireName());
    o.put("hardware_class", a.hardwareClass());
    a.measured().ifPresent(m -> encodeOutput(o, m));
    a.reason().ifPresent(r -> o.put("reason", r));
    return o;
  }
}
