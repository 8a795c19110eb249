package dev.swarmledger.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.node.query.DashboardView;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * The dashboard's JSON ({@code GET /v1/dashboard}): read by the page's script only, so it is shaped
 * for drawing (parallel arrays for chart series) rather than for the typed client.
 */
public final class DashboardJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private DashboardJson() {}

  public static ObjectNode encode(DashboardView v) {
    ObjectNode o = F.objectNode();
    o.put("log_size", v.logSize());
    o.put("last_time", v.lastTime().toString());
    o.put("max_points", v.maxPoints());
    array(o, "tracks", v.tracks(), DashboardJson::track);
    ObjectNode p = o.putObject("pipeline");
    p.put("claimed", v.pipeline().claimed());
    p.put("running", v.pipeline().running());
    p.put("awaiting", v.pipeline().awaiting());
    p.put("verified", v.pipeline().verified());
    p.put("mismatch", v.pipeline().mismatch());
    array(p, "recent", v.pipeline().recent(), DashboardJson::inFlight);
    histogram(o.putObject("claimed_minus_verified"), v.claimedMinusVerified());
    histogram(o.putObject("rerun_minus_rerun"), v.rerunMinusRerun());
    credits(o.putObject("credits"), v.credits());
    jobs(o.putObject("jobs"), v.jobs());
    array(
        o,
        "verifiers",
        v.verifiers(),
        (n, a) -> {
          n.put("name", a.name());
          n.put("hardware_class", a.hardwareClass());
          n.put("reputation", a.reputation());
          n.put("attestations", a.attestations());
          n.put("agreeing", a.agreeing());
          n.put("leased", a.leased());
        });
    array(
        o,
        "workers",
        v.workers(),
        (n, w) -> {
          n.put("name", w.name());
          n.put("hardware_class", w.hardwareClass());
          n.put("reputation", w.reputation());
          n.put("completions", w.completions());
          n.put("running", w.running());
        });
    array(
        o,
        "anchors",
        v.anchors(),
        (n, a) -> {
          n.put("index", a.index());
          n.put("tree_size", a.treeSize());
          n.put("root", a.root());
          n.put("chain_id", a.chainId());
          n.put("contract", a.contract());
          n.put("block", a.blockNumber());
          n.put("tx_hash", a.txHash());
        });
    return o;
  }

  private static void track(ObjectNode n, DashboardView.TrackPanel t) {
    n.put("track", t.track());
    n.put("verified", t.verified());
    points(n.putObject("bests"), t.bests());
    points(n.putObject("results"), t.results());
    array(
        n,
        "leaderboard",
        t.leaderboard(),
        (r, l) -> {
          r.put("rank", l.rank());
          r.put("name", l.name());
          number(r, "best_val_bpb", l.bestValBpb());
          number(r, "best_result", l.bestResult());
          r.put("verified", l.verified());
          r.put("rejected", l.rejected());
          r.put("pending", l.pending());
          r.put("minted", l.minted());
        });
  }

  /** Chart series as parallel arrays: index, time (epoch ms), val_bpb, result, account. */
  private static void points(ObjectNode n, List<DashboardView.Point> points) {
    ArrayNode index = n.putArray("index");
    ArrayNode time = n.putArray("time");
    ArrayNode value = n.putArray("val_bpb");
    ArrayNode account = n.putArray("account");
    for (DashboardView.Point p : points) {
      index.add(p.index());
      time.add(p.time().toEpochMilli());
      value.add(p.valBpb());
      account.add(p.account());
    }
  }

  private static void inFlight(ObjectNode n, DashboardView.InFlight f) {
    n.put("stage", f.stage());
    n.put("id", f.id());
    n.put("track", f.track());
    n.put("account", f.account());
    number(n, "claimed_val_bpb", f.claimedValBpb());
    number(n, "verified_val_bpb", f.verifiedValBpb());
    array(
        n,
        "verifiers",
        f.verifiers(),
        (m, v) -> {
          m.put("name", v.name());
          m.put("verdict", v.verdict());
        });
  }

  private static void histogram(ObjectNode n, DashboardView.Histogram h) {
    n.put("low", h.low());
    n.put("high", h.high());
    n.put("total", h.total());
    ArrayNode counts = n.putArray("counts");
    h.counts().forEach(counts::add);
  }

  private static void credits(ObjectNode n, DashboardView.CreditSeries c) {
    n.put("minted", c.minted());
    n.put("burned", c.burned());
    n.put("supply", c.supply());
    n.put("pending", c.pending());
    n.put("escrowed", c.escrowed());
    n.put("spent", c.spent());
    ObjectNode s = n.putObject("series");
    ArrayNode time = s.putArray("time");
    ArrayNode minted = s.putArray("minted");
    ArrayNode pending = s.putArray("pending");
    ArrayNode spent = s.putArray("spent");
    for (DashboardView.CreditPoint p : c.points()) {
      time.add(p.time().toEpochMilli());
      minted.add(p.minted());
      pending.add(p.pending());
      spent.add(p.spent());
    }
  }

  private static void jobs(ObjectNode n, DashboardView.JobPanel j) {
    n.put("open", j.open());
    n.put("running", j.running());
    n.put("verifying", j.verifying());
    n.put("settled", j.settled());
    n.put("cancelled", j.cancelled());
    n.put("failed", j.failed());
    array(
        n,
        "active",
        j.active(),
        (r, row) -> {
          r.put("id", row.id());
          r.put("kind", row.kind());
          r.put("status", row.status());
          r.put("spender", row.spender());
          r.put("worker", row.worker());
          r.put("verifier", row.verifier());
          r.put("max", row.maxMicro());
        });
  }

  private static <T> void array(
      ObjectNode parent, String name, List<T> items, BiConsumer<ObjectNode, T> fill) {
    ArrayNode a = parent.putArray(name);
    for (T item : items) {
      fill.accept(a.addObject(), item);
    }
  }

  private static void number(ObjectNode n, String name, OptionalDouble v) {
    if (v.isPresent()) {
      n.put(name, v.getAsDouble());
    } else {
      n.putNull(name);
    }
  }

  private static void number(ObjectNode n, String name, OptionalLong v) {
    if (v.isPresent()) {
      n.put(name, v.getAsLong());
    } else {
      n.putNull(name);
    }
  }
}
