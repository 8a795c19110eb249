package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.suggest.LedgerPool;
import dev.swarmledger.client.suggest.Suggester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code swarm suggest}: which lineage to build on (a UCB1 bandit over verified improvement per
 * credit) and which pairs of lineages to cross-pollinate (docs/agents.md, "What to try next").
 */
@Command(
    name = "suggest",
    description =
        "Suggest what to try next: the lineage to build on (UCB1 over verified improvement per"
            + " credit) and pairs of lineages whose disjoint changes can be combined.")
final class SuggestCommand implements Callable<Integer> {
  @Mixin NodeOptions node;

  @Option(
      names = "--track",
      defaultValue = "shakespeare-char",
      description = "Track (default ${DEFAULT-VALUE}).")
  String track;

  @Option(
      names = "--out",
      description =
          "Write the suggested source here: the first pair's merged source, else the chosen tip's.")
  Path out;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Suggester.Suggestion s = LedgerPool.suggest(node.client(), track);
    if (out != null) {
      if (!s.pairs().isEmpty()) {
        Files.writeString(out, s.pairs().get(0).mergedSource());
      } else if (s.choice().isPresent()) {
        Files.writeString(
            out,
            node.client()
                .result(s.choice().get().tip())
                .flatMap(dev.swarmledger.protocol.api.ResultView::source)
                .orElseThrow());
      }
    }
    if (json) {
      Json.print(encode(track, s));
      return ExitCodes.OK;
    }
    if (s.choice().isEmpty()) {
      System.out.println(
          "no verified results on " + track + " yet: start from experiments/Baseline.java");
      return ExitCodes.OK;
    }
    System.out.println("lineages on " + track + " (UCB1 over verified improvement per credit):");
    for (Suggester.Arm a : s.arms()) {
      System.out.printf(
          "  %s tip #%-5d val_bpb %.6f  %d pulls  %.6f val_bpb/credit  ucb %s  path %s%n",
          a == s.choice().get() ? "→" : " ",
          a.tip(),
          a.tipValBpb(),
          a.pulls(),
          a.improvementPerCredit(),
          Double.isInfinite(a.ucb()) ? "untried" : String.format("%.4f", a.ucb()),
          a.path());
    }
    System.out.println(
        "build on #"
            + s.choice().get().tip()
            + ": swarm result "
            + s.choice().get().tip()
            + " --source BASE.java");
    for (Suggester.Pollination p : s.pairs()) {
      System.out.printf(
          "%ncross-pollinate: apply #%d's change to #%d (common ancestor #%d)%n%s%n%s%n",
          p.from(), p.onto(), p.ancestor(), p.fromDiff(), p.ontoDiff());
    }
    if (out != null) {
      System.out.println("wrote the suggested source to " + out);
    }
    return ExitCodes.OK;
  }

  static ObjectNode encode(String track, Suggester.Suggestion s) {
    ObjectNode o = Json.object().put("track", track);
    if (s.choice().isPresent()) {
      o.set("choice", arm(s.choice().get()));
    } else {
      o.putNull("choice");
    }
    o.set("arms", Json.array(s.arms(), SuggestCommand::arm));
    o.set(
        "pairs",
        Json.array(
            s.pairs(),
            p ->
                Json.object()
                    .put("from", p.from())
                    .put("onto", p.onto())
                    .put("ancestor", p.ancestor())
                    .put("description", "apply #" + p.from() + "'s change to #" + p.onto())
                    .put("from_diff", p.fromDiff())
                    .put("onto_diff", p.ontoDiff())
                    .put("merged_source", p.mergedSource())
                    .put("merged_sha256", p.mergedSha())));
    return o;
  }

  private static ObjectNode arm(Suggester.Arm a) {
    ObjectNode o =
        Json.object()
            .put("tip", a.tip())
            .put("tip_val_bpb", a.tipValBpb())
            .put("pulls", a.pulls())
            .put("mean_reward", a.meanReward())
            .put("improvement_per_credit", a.improvementPerCredit());
    if (Double.isInfinite(a.ucb())) {
      o.putNull("ucb");
    } else {
      o.put("ucb", a.ucb());
    }
    o.set("path", Json.longs(a.path()));
    return o;
  }
}
