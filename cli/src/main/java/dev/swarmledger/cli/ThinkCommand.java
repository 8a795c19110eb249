package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.LedgerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm think}: the state of the research on one screen (or as JSON for an agent). */
@Command(
    name = "think",
    description = "Show the best, recent results, active claims and open hypotheses.")
final class ThinkCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "Track (default ${DEFAULT-VALUE}).")
  String track;

  @Option(
      names = "--limit",
      defaultValue = "10",
      description = "How many of each list (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() {
    LedgerClient c = node.client();
    String t = LedgerClient.encode(track);
    JsonNode best = bestOrNull(c, t);
    JsonNode results = c.getJson("v1/results?track=" + t + "&limit=" + limit).get("results");
    JsonNode claimsDoc = c.getJson("v1/claims?track=" + t + "&status=active&limit=" + limit);
    JsonNode hyps = c.getJson("v1/hypotheses?track=" + t + "&limit=" + limit).get("hypotheses");
    JsonNode stats = c.getJson("v1/stats");
    if (json) {
      ObjectNode o = Json.object();
      o.put("track", track);
      o.set("best", best);
      o.set("results", results);
      o.set("claims", claimsDoc.get("claims"));
      o.set("hypotheses", hyps);
      o.set("stats", stats);
      Json.print(o);
      return 0;
    }
    Map<String, String> names = new HashMap<>();
    System.out.printf(
        "SwarmLedger · track %s · log size %d · %d verified, %d pending, %d rejected%n",
        track,
        stats.get("log_size").asLong(),
        stats.at("/results/verified").asLong(),
        stats.at("/results/pending").asLong(),
        stats.at("/results/rejected").asLong());
    System.out.println();
    if (best == null) {
      System.out.println("BEST   none verified yet: the first verified result sets it");
    } else {
      System.out.printf(
          "BEST   val_bpb %.4f  result #%d by %s%n",
          best.get("val_bpb").asDouble(),
          best.get("result").asLong(),
          name(c, names, best.get("account").asText()));
      System.out.println(
          "       start from it: swarm best --track " + track + " --source BEST.java");
    }
    System.out.println();
    System.out.println("RECENT RESULTS");
    if (results.isEmpty()) {
      System.out.println("  (none)");
    }
    for (JsonNode r : results) {
      double v = r.get("val_bpb").asDouble();
      String delta = best == null ? "" : String.format("%+.4f", v - best.get("val_bpb").asDouble());
      String status = r.get("status").asText();
      if (status.equals("pending")) {
        status += " (" + r.get("attestations").size() + "/" + r.get("quorum").asInt() + ")";
      }
      System.out.printf(
          "  #%-5d %-14s %.4f %8s  %s%s%n",
          r.get("id").asLong(),
          name(c, names, r.get("account").asText()),
          v,
          delta,
          status,
          r.get("became_best").asBoolean() ? "  ★ new best" : "");
    }
    System.out.println();
    System.out.println("ACTIVE CLAIMS (log time " + claimsDoc.get("now").asText() + ")");
    if (claimsDoc.get("claims").isEmpty()) {
      System.out.println("  (none)");
    }
    Instant now = Instant.parse(claimsDoc.get("now").asText());
    for (JsonNode cl : claimsDoc.get("claims")) {
      long mins = Duration.between(now, Instant.parse(cl.get("expires").asText())).toMinutes();
      System.out.printf(
          "  #%-5d %-14s \"%s\"  expires in %dm%n",
          cl.get("id").asLong(),
          name(c, names, cl.get("account").asText()),
          cl.get("description").asText(),
          mins);
    }
    System.out.println();
    System.out.println("OPEN HYPOTHESES");
    if (hyps.isEmpty()) {
      System.out.println("  (none)");
    }
    for (JsonNode h : hyps) {
      System.out.printf(
          "  #%-5d [p%d] %s — %s%n",
          h.get("id").asLong(),
          h.get("priority").asInt(),
          h.get("title").asText(),
          name(c, names, h.get("account").asText()));
    }
    return 0;
  }

  static JsonNode bestOrNull(LedgerClient c, String encodedTrack) {
    try {
      return c.getJson("v1/best?track=" + encodedTrack);
    } catch (ApiException e) {
      if (e.status() == 404 && e.code().equals("not_found")) {
        return null;
      }
      throw e;
    }
  }

  static String name(LedgerClient c, Map<String, String> cache, String id) {
    return cache.computeIfAbsent(
        id, k -> c.account(k).map(a -> a.get("name").asText()).orElse(k.substring(0, 8)));
  }
}
