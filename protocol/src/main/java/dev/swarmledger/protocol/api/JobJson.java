package dev.swarmledger.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCodec;
import dev.swarmledger.protocol.jobs.JobSpec;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.json.JsonFields;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.util.Arrays;
import java.util.Optional;

/** The JSON of a {@link JobView}; also the jobs part of the state root. */
public final class JobJson {
  private JobJson() {}

  public static ObjectNode encode(JobView v) {
    Job j = v.job();
    ObjectNode o = Wire.object();
    o.put("id", j.id());
    o.put("spender", j.spender().hex());
    JobCodec.encodeSpec(o, j.spec(), v.sourceIncluded());
    o.put("price_micro", j.priceMicro());
    o.put("max_micro", j.maxMicro());
    o.put("created", LeafCodec.formatTime(j.created()));
    o.put("status", j.status().wireName());
    o.put("attempts", j.attempts());
    j.lease().ifPresent(l -> o.set("lease", holder(l, "worker")));
    j.completion()
        .ifPresent(
            c -> {
              ObjectNode co = o.putObject("completion");
              co.put("index", c.index());
              co.put("worker", c.worker().hex());
              co.put("hardware_class", c.hardwareClass());
              JobCodec.encodeOutput(co, c.output());
              co.put("leaf_hash", c.leafHash().hex());
              co.put("at", LeafCodec.formatTime(c.at()));
              co.put("sampled", c.sampled());
            });
    j.check().ifPresent(c -> o.set("check", holder(c, "verifier")));
    ArrayNode history = o.putArray("history");
    for (Job.Event e : j.history()) {
      ObjectNode eo = history.addObject();
      eo.put("index", e.index());
      eo.put("kind", e.kind().wireName());
      eo.put("account", e.account().hex());
    }
    j.settlement()
        .ifPresent(
            s -> {
              ObjectNode so = o.putObject("settlement");
              so.put("index", s.index());
              so.put("at", LeafCodec.formatTime(s.at()));
              s.worker().ifPresent(w -> so.put("worker", w.hex()));
              so.put("paid", s.paidMicro());
              s.verifier().ifPresent(w -> so.put("verifier", w.hex()));
              so.put("fee", s.feeMicro());
              so.put("refund", s.refundMicro());
              so.put("flops", Long.toString(s.flops()));
            });
    return o;
  }

  private static ObjectNode holder(Job.Holder h, String role) {
    ObjectNode o = StrictJson.nodes().objectNode();
    o.put(role, h.account().hex());
    o.put("deadline", LeafCodec.formatTime(h.deadline()));
    return o;
  }

  public static JobView decode(JsonNode json) {
    JsonFields f = JsonFields.of(json, "job");
    long id = Wire.count(f, "id");
    var spender = Wire.account(f, "spender");
    boolean withSource = f.present("source");
    JobSpec spec =
        withSource || !"train".equals(f.optionalText("kind").orElse(""))
            ? JobCodec.decodeSpec(f)
            : withoutSource(f);
    long price = Wire.count(f, "price_micro");
    long max = Wire.count(f, "max_micro");
    var created = Wire.time(f, "created");
    String st = f.text("status");
    Job.Status status =
        Arrays.stream(Job.Status.values())
            .filter(s -> s.wireName().equals(st))
            .findFirst()
            .orElseThrow(() -> new Rejection(ErrorCode.INVALID_ARGUMENT, "job.status " + st));
    long attempts = Wire.count(f, "attempts");
    Optional<Job.Holder> lease = f.optionalObject("lease").map(h -> holder(h, "worker"));
    Optional<Job.Completion> completion =
        f.optionalObject("completion")
            .map(
                c -> {
                  Job.Completion done =
                      new Job.Completion(
                          Wire.count(c, "index"),
                          Wire.account(c, "worker"),
                          c.text("hardware_class"),
                          JobCodec.decodeOutput(c),
                          Wire.hash(c, "leaf_hash"),
                          Wire.time(c, "at"),
                          c.bool("sampled"));
                  c.done();
                  return done;
                });
    Optional<Job.Holder> check = f.optionalObject("check").map(h -> holder(h, "verifier"));
    var history =
        Wire.list(
            f,
            "history",
            n -> {
              JsonFields e = JsonFields.of(n, "job.history");
              String k = e.text("kind");
              Job.EventKind kind =
                  Arrays.stream(Job.EventKind.values())
                      .filter(x -> x.wireName().equals(k))
                      .findFirst()
                      .orElseThrow(
                          () -> new Rejection(ErrorCode.INVALID_ARGUMENT, "job event " + k));
              Job.Event ev =
                  new Job.Event(Wire.count(e, "index"), kind, Wire.account(e, "account"));
              e.done();
              return ev;
            });
    Optional<Job.Settlement> settlement =
        f.optionalObject("settlement")
            .map(
                s -> {
                  Job.Settlement paid =
                      new Job.Settlement(
                          Wire.count(s, "index"),
                          Wire.time(s, "at"),
                          s.present("worker")
                              ? Optional.of(Wire.account(s, "worker"))
                              : Optional.empty(),
                          Wire.count(s, "paid"),
                          s.present("verifier")
                              ? Optional.of(Wire.account(s, "verifier"))
                              : Optional.empty(),
                          Wire.count(s, "fee"),
                          Wire.count(s, "refund"),
                          s.flops("flops", 0, Long.MAX_VALUE));
                  s.done();
                  return paid;
                });
    f.done();
    Job job =
        new Job(
            id,
            spender,
            spec,
            price,
            max,
            created,
            status,
            lease,
            completion,
            check,
            history,
            settlement);
    Wire.agree(job.attempts() == attempts, "job.attempts");
    return new JobView(job, withSource);
  }

  /** A training spec listed without its source: the source reads as empty, the hash is kept. */
  private static TrainSpec withoutSource(JsonFields f) {
    f.text("kind");
    return new TrainSpec(
        f.text("track"),
        "",
        Wire.hash(f, "source_sha256"),
        Wire.optionalCount(f, "from_result"),
        Wire.count(f, "seed"),
        f.flops("budget_flops", 1, JobCodec.MAX_BUDGET_FLOPS));
  }

  private static Job.Holder holder(JsonFields h, String role) {
    Job.Holder out = new Job.Holder(Wire.account(h, role), Wire.time(h, "deadline"));
    h.done();
    return out;
  }
}
