package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.BestJson;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ClaimFilter;
import dev.swarmledger.protocol.api.ClaimJson;
import dev.swarmledger.protocol.api.ClaimView;
import dev.swarmledger.protocol.api.ClaimsPage;
import dev.swarmledger.protocol.api.HypothesisFilter;
import dev.swarmledger.protocol.api.HypothesisJson;
import dev.swarmledger.protocol.api.HypothesisView;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultJson;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.StatsJson;
import dev.swarmledger.protocol.api.StatsView;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    Optional<BestView> best = c.best(track);
    List<ResultView> results = c.results(ResultFilter.all().track(track).limit(limit));
    ClaimsPage claims =
        c.claims(ClaimFilter.all().track(track).status(ClaimView.Status.ACTIVE).limit(limit));
    List<HypothesisView> hyps = c.hypotheses(HypothesisFilter.all().track(track).limit(limit));
    StatsView stats = c.stats();
    if (json) {
      ObjectNode o = Json.object();
      o.put("track", track);
      o.set("best", best.map(b -> (JsonNode) BestJson.encode(b)).orElse(NullNode.getInstance()));
      o.set("results", Json.array(results, ResultJson::encode));
      o.set("claims", Json.array(claims.claims(), ClaimJson::encode));
      o.set("hypotheses", Json.array(hyps, HypothesisJson::encode));
      o.set("stats", StatsJson.encode(stats));
      Json.print(o);
      return 0;
    }
    Map<PublicKey, String> names = new HashMap<>();
    System.out.printf(
        "SwarmLedger · track %s · log size %d · %d verified, %d pending, %d rejected%n",
        track,
        stats.logSize(),
        stats.results().verified(),
        stats.results().pending(),
        stats.results().rejected());
    System.out.println();
    if (best.isEmpty()) {
      System.out.println("BEST   none verified yet: the first verified result sets it");
    } else {
      System.out.printf(
          "BEST   val_bpb %.4f  result #%d by %s%n",
          best.get().valBpb(), best.get().result(), name(c, names, best.get().account()));
      System.out.println(
          "       start from it: swarm best --track " + track + " --source BEST.java");
    }
    System.out.println();
    System.out.println("RECENT RESULTS");
    if (results.isEmpty()) {
      System.out.println("  (none)");
    }
    for (ResultView r : results) {
      double v = r.valBpb();
      String delta = best.map(b -> String.format("%+.4f", v - b.valBpb())).orElse("");
      String status = r.status().wireName();
      if (r.pending()) {
        status += " (" + r.attestations().size() + "/" + r.quorum() + ")";
      }
      System.out.printf(
          "  #%-5d %-14s %.4f %8s  %s%s%n",
          r.id(),
          name(c, names, r.account()),
          v,
          delta,
          status,
          r.becameBest() ? "  ★ new best" : "");
    }
    System.out.println();
    System.out.println("ACTIVE CLAIMS (log time " + LeafCodec.formatTime(claims.now()) + ")");
    if (claims.claims().isEmpty()) {
      System.out.println("  (none)");
    }
    for (ClaimView cl : claims.claims()) {
      long mins = Duration.between(claims.now(), cl.expires()).toMinutes();
      System.out.printf(
          "  #%-5d %-14s \"%s\"  expires in %dm%n",
          cl.id(), name(c, names, cl.account()), cl.description(), mins);
    }
    System.out.println();
    System.out.println("OPEN HYPOTHESES");
    if (hyps.isEmpty()) {
      System.out.println("  (none)");
    }
    for (HypothesisView h : hyps) {
      System.out.printf(
          "  #%-5d [p%d] %s — %s%n", h.id(), h.priority(), h.title(), name(c, names, h.account()));
    }
    return 0;
  }

  /** The account's registered name, or the start of its id when the node does not know it. */
  static String name(LedgerClient c, Map<PublicKey, String> cache, PublicKey id) {
    return cache.computeIfAbsent(
        id, k -> c.account(k).map(AccountView::name).orElse(k.hex().substring(0, 8)));
  }
}
