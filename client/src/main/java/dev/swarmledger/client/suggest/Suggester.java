package dev.swarmledger.client.suggest;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * What to try next on a track, from the pool of verified results: a UCB1 bandit over lineages and
 * cross-pollination of lineages whose changes touch different lines.
 *
 * <p><b>Lineages.</b> Verified results form a forest through their {@code parent} links (a parent
 * outside the pool, or none, makes a root). Every tip (a result no pooled result names as parent)
 * ends one lineage: the path from its root to it. A lineage is an arm: "build on this tip".
 *
 * <p><b>Pulls and rewards.</b> Each pooled result with a pooled parent is one pull of every lineage
 * through it: it spent {@code flops / 10^15} credits and improved {@code val_bpb} by {@code parent
 * - child} (a worsening counts as 0). Its reward is that improvement per credit, divided by the
 * largest in the pool so rewards lie in [0, 1] as UCB1 needs.
 *
 * <p><b>UCB1</b> (Auer, Cesa-Bianchi, Fischer 2002): play the arm maximising {@code mean + sqrt(2
 * ln N / n)}, where {@code n} is the lineage's pulls and {@code N} the pool's; an arm never pulled
 * is played first. It is deterministic (no seed to carry), and its regret bound holds for any
 * reward distribution on [0, 1]. Lineages that share a prefix share its evidence: building on
 * either tip continues that history. Ties go to the lower (better) tip value, then the lower id.
 *
 * <p><b>Cross-pollination.</b> For two tips A and B with a common ancestor C, both better than C,
 * the line diffs C→A and C→B are computed; if no changed region of one touches or adjoins a changed
 * region of the other (the conservative rule a three-way merge uses), the pair is proposed as
 * "apply A's change to B" (B the better tip), with both diffs and the merged source: C with both
 * changes applied. Pairs whose merged source is already a result are left out (already tried).
 */
public final class Suggester {
  /** One pooled result: a verified result's id, parent, verified value, FLOPs and source hash. */
  public record Entry(long id, OptionalLong parent, double valBpb, long flops, String sourceSha) {}

  /** A lineage and its UCB1 score. */
  public record Arm(
      long tip,
      List<Long> path,
      double tipValBpb,
      int pulls,
      double meanReward,
      double improvementPerCredit,
      double ucb) {}

  /** "Apply {@code from}'s change to {@code onto}": both changes against their common ancestor. */
  public record Pollination(
      long from,
      long onto,
      long ancestor,
      String fromDiff,
      String ontoDiff,
      String mergedSource,
      String mergedSha) {}

  /** The bandit's choice (empty for an empty pool), every arm ranked, and the proposed pairs. */
  public record Suggestion(Optional<Arm> choice, List<Arm> arms, List<Pollination> pairs) {}

  /** Credits per FLOP: 1 credit = 10^15 FLOPs. */
  private static final double FLOPS_PER_CREDIT = 1e15;

  /** At most this many tips (the best by value) are paired, to keep source fetches bounded. */
  static final int MAX_PAIRED_TIPS = 16;

  private Suggester() {}

  /**
   * The suggestion for {@code pool}; {@code source} fetches a pooled result's source (only tips and
   * common ancestors of candidate pairs are fetched); {@code knownSources} are the sha256 hex of
   * every source already submitted (any status), so a merge already tried is not proposed again.
   */
  public static Suggestion suggest(
      List<Entry> pool, LongFunction<String> source, Set<String> knownSources) {
    Map<Long, Entry> byId = new LinkedHashMap<>();
    pool.stream().sorted(Comparator.comparingLong(Entry::id)).forEach(e -> byId.put(e.id(), e));
    Map<Long, Long> parentOf = new HashMap<>();
    Map<Long, Integer> children = new HashMap<>();
    for (Entry e : byId.values()) {
      if (e.parent().isPresent() && byId.containsKey(e.parent().getAsLong())) {
        parentOf.put(e.id(), e.parent().getAsLong());
        children.merge(e.parent().getAsLong(), 1, Integer::sum);
      }
    }
    // Raw rewards: improvement per credit of each pull.
    Map<Long, Double> raw = new HashMap<>();
    Map<Long, Double> improvement = new HashMap<>();
    for (var p : parentOf.entrySet()) {
      Entry child = byId.get(p.getKey());
      double gain = Math.max(0, byId.get(p.getValue()).valBpb() - child.valBpb());
      double credits = Math.max(child.flops(), 1) / FLOPS_PER_CREDIT;
      improvement.put(child.id(), gain);
      raw.put(child.id(), gain / credits);
    }
    double max = raw.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    int total = raw.size();
    List<Arm> arms = new ArrayList<>();
    for (Entry tip : byId.values()) {
      if (children.containsKey(tip.id())) {
        continue;
      }
      List<Long> path = path(tip.id(), parentOf);
      int n = 0;
      double sum = 0;
      double gain = 0;
      double credits = 0;
      for (long id : path) {
        if (raw.containsKey(id)) {
          n++;
          sum += max > 0 ? raw.get(id) / max : 0;
          gain += improvement.get(id);
          credits += Math.max(byId.get(id).flops(), 1) / FLOPS_PER_CREDIT;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double ucb =
          n == 0 ? Double.POSITIVE_INFINITY : mean + Math.sqrt(2 * Math.log(total) / (double) n);
      arms.add(
          new Arm(tip.id(), path, tip.valBpb(), n, mean, credits == 0 ? 0 : gain / credits, ucb));
    }
    arms.sort(
        Comparator.comparingDouble(Arm::ucb)
            .reversed()
            .thenComparingDouble(Arm::tipValBpb)
            .thenComparingLong(Arm::tip));
    return new Suggestion(
        arms.stream().findFirst(),
        List.copyOf(arms),
        pairs(arms, byId, parentOf, source, knownSources));
  }

  private static List<Long> path(long tip, Map<Long, Long> parentOf) {
    List<Long> path = new ArrayList<>();
    for (Long at = tip; at != null; at = parentOf.get(at)) {
      path.add(0, at);
    }
    return List.copyOf(path);
  }

  private static List<Pollination> pairs(
      List<Arm> arms,
      Map<Long, Entry> byId,
      Map<Long, Long> parentOf,
      LongFunction<String> source,
      Set<String> knownSources) {
    List<Arm> tips =
        arms.stream()
            .sorted(Comparator.comparingDouble(Arm::tipValBpb).thenComparingLong(Arm::tip))
            .limit(MAX_PAIRED_TIPS)
            .toList();
    Map<Long, List<String>> lines = new HashMap<>();
    LongFunction<List<String>> linesOf =
        id -> lines.computeIfAbsent(id, i -> Arrays.asList(source.apply(i).split("\n", -1)));
    List<Pollination> out = new ArrayList<>();
    for (int i = 0; i < tips.size(); i++) {
      for (int j = i + 1; j < tips.size(); j++) {
        Arm better = tips.get(i);
        Arm other = tips.get(j);
        Optional<Long> common = commonAncestor(better.path(), other.path());
        if (common.isEmpty()) {
          continue;
        }
        double base = byId.get(common.get()).valBpb();
        if (!(better.tipValBpb() < base && other.tipValBpb() < base)) {
          continue;
        }
        List<String> ancestor = linesOf.apply(common.get());
        Patch<String> fromChange = DiffUtils.diff(ancestor, linesOf.apply(other.tip()));
        Patch<String> ontoChange = DiffUtils.diff(ancestor, linesOf.apply(better.tip()));
        if (fromChange.getDeltas().isEmpty()
            || ontoChange.getDeltas().isEmpty()
            || overlap(fromChange, ontoChange)) {
          continue;
        }
        String merged = String.join("\n", merge(ancestor, fromChange, ontoChange));
        String sha = sha256(merged);
        if (knownSources.contains(sha)) {
          continue;
        }
        out.add(
            new Pollination(
                other.tip(),
                better.tip(),
                common.get(),
                unified(common.get(), other.tip(), ancestor, fromChange),
                unified(common.get(), better.tip(), ancestor, ontoChange),
                merged,
                sha));
      }
    }
    return List.copyOf(out);
  }

  /** The deepest result on both paths (paths run root first). */
  static Optional<Long> commonAncestor(List<Long> a, List<Long> b) {
    Optional<Long> common = Optional.empty();
    for (int k = 0; k < Math.min(a.size(), b.size()) && a.get(k).equals(b.get(k)); k++) {
      common = Optional.of(a.get(k));
    }
    return common;
  }

  /**
   * Whether a changed region of {@code a} touches or adjoins one of {@code b}, in the ancestor's
   * lines: a region is {@code [position, position + size]} (an insertion is the point before line
   * {@code position}), and closed intervals that meet count as overlapping.
   */
  static boolean overlap(Patch<String> a, Patch<String> b) {
    for (AbstractDelta<String> x : a.getDeltas()) {
      int xs = x.getSource().getPosition();
      int xe = xs + x.getSource().size();
      for (AbstractDelta<String> y : b.getDeltas()) {
        int ys = y.getSource().getPosition();
        int ye = ys + y.getSource().size();
        if (xs <= ye && ys <= xe) {
          return true;
        }
      }
    }
    return false;
  }

  /** The ancestor's lines with the (disjoint) changes of both patches applied. */
  static List<String> merge(List<String> ancestor, Patch<String> a, Patch<String> b) {
    List<AbstractDelta<String>> deltas = new ArrayList<>(a.getDeltas());
    deltas.addAll(b.getDeltas());
    deltas.sort(
        Comparator.comparingInt((AbstractDelta<String> d) -> d.getSource().getPosition())
            .reversed());
    List<String> out = new ArrayList<>(ancestor);
    for (AbstractDelta<String> d : deltas) {
      int at = d.getSource().getPosition();
      for (int k = 0; k < d.getSource().size(); k++) {
        out.remove(at);
      }
      out.addAll(at, d.getTarget().getLines());
    }
    return out;
  }

  private static String unified(long from, long to, List<String> ancestor, Patch<String> patch) {
    return String.join(
        "\n",
        UnifiedDiffUtils.generateUnifiedDiff(
            "result-" + from + ".java", "result-" + to + ".java", ancestor, patch, 3));
  }

  /** The sha256 hex of a source's UTF-8 bytes, as the ledger records it. */
  public static String sha256(String source) {
    return dev.swarmledger.protocol.crypto.Hash.sha256(
            source.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hex();
  }
}
