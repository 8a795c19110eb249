package dev.swarmledger.client.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggesterTest {
  private static final long CREDIT = 1_000_000_000_000_000L;

  private final List<Suggester.Entry> pool = new ArrayList<>();
  private final Map<Long, String> sources = new HashMap<>();

  private void add(long id, Long parent, double bpb, long flops, String source) {
    pool.add(
        new Suggester.Entry(
            id,
            parent == null ? OptionalLong.empty() : OptionalLong.of(parent),
            bpb,
            flops,
            Suggester.sha256(source)));
    sources.put(id, source);
  }

  private Suggester.Suggestion suggest() {
    return Suggester.suggest(pool, sources::get, Set.of());
  }

  private static String lines(String... l) {
    return String.join("\n", l) + "\n";
  }

  @Test
  void theBestArmWinsOnceEachHasEvidence() {
    add(1, null, 3.0, CREDIT, "root");
    // Lineage A: 0.10 per credit, three times. Lineage B: 0.02 per credit, three times.
    add(2, 1L, 2.9, CREDIT, "a1");
    add(3, 2L, 2.8, CREDIT, "a2");
    add(4, 3L, 2.7, CREDIT, "a3");
    add(5, 1L, 2.98, CREDIT, "b1");
    add(6, 5L, 2.96, CREDIT, "b2");
    add(7, 6L, 2.94, CREDIT, "b3");
    Suggester.Suggestion s = suggest();
    assertThat(s.arms()).extracting(Suggester.Arm::tip).containsExactly(4L, 7L);
    assertThat(s.choice().orElseThrow().tip()).isEqualTo(4);
    assertThat(s.choice().orElseThrow().path()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(s.choice().orElseThrow().pulls()).isEqualTo(3);
    assertThat(s.choice().orElseThrow().improvementPerCredit()).isCloseTo(0.1, within());
  }

  @Test
  void rewardIsPerCreditNotPerResult() {
    add(1, null, 3.0, CREDIT, "root");
    // A improves more per result but spends ten times the compute: B is the better use of credits.
    add(2, 1L, 2.8, 10 * CREDIT, "a1");
    add(3, 2L, 2.6, 10 * CREDIT, "a2");
    add(4, 1L, 2.95, CREDIT, "b1");
    add(5, 4L, 2.90, CREDIT, "b2");
    assertThat(suggest().choice().orElseThrow().tip()).isEqualTo(5);
  }

  @Test
  void aLittleTriedArmIsExploredBeforeAWellKnownMediocreOne() {
    add(1, null, 3.0, CREDIT, "root");
    long id = 2;
    long parent = 1;
    double v = 3.0;
    for (int i = 0; i < 30; i++) { // 30 pulls of a steady, middling lineage
      v -= 0.05;
      add(id, parent, v, CREDIT, "m" + i);
      parent = id++;
    }
    add(100, 1L, 2.96, CREDIT, "new"); // one pull, a bit worse per credit
    add(101, 1L, 2.5, CREDIT, "great"); // makes the rewards' scale: 0.5 per credit
    Suggester.Suggestion s = suggest();
    assertThat(s.choice().orElseThrow().tip()).isIn(100L, 101L);
    assertThat(s.arms().get(s.arms().size() - 1).tip()).isEqualTo(31L);
  }

  @Test
  void anUntriedRootIsPlayedFirst() {
    add(1, null, 3.0, CREDIT, "root");
    add(2, 1L, 2.5, CREDIT, "a1");
    add(3, null, 2.9, CREDIT, "lone");
    Suggester.Suggestion s = suggest();
    assertThat(s.choice().orElseThrow().tip()).isEqualTo(3);
    assertThat(s.choice().orElseThrow().pulls()).isZero();
  }

  @Test
  void anEmptyPoolSuggestsNothing() {
    Suggester.Suggestion s = suggest();
    assertThat(s.choice()).isEmpty();
    assertThat(s.pairs()).isEmpty();
  }

  @Test
  void disjointChangesAreProposedWithTheirMerge() {
    add(1, null, 3.0, CREDIT, lines("a", "b", "c", "d", "e", "f", "g"));
    add(2, 1L, 2.8, CREDIT, lines("a", "B!", "c", "d", "e", "f", "g"));
    add(3, 1L, 2.9, CREDIT, lines("a", "b", "c", "d", "e", "F!", "g", "h"));
    Suggester.Suggestion s = suggest();
    assertThat(s.pairs()).hasSize(1);
    Suggester.Pollination p = s.pairs().get(0);
    assertThat(p.from()).isEqualTo(3);
    assertThat(p.onto()).isEqualTo(2);
    assertThat(p.ancestor()).isEqualTo(1);
    assertThat(p.mergedSource()).isEqualTo(lines("a", "B!", "c", "d", "e", "F!", "g", "h"));
    assertThat(p.fromDiff()).contains("-f", "+F!", "+h").doesNotContain("+B!");
    assertThat(p.ontoDiff()).contains("-b", "+B!");
    assertThat(p.mergedSha()).isEqualTo(Suggester.sha256(p.mergedSource()));
  }

  @Test
  void overlappingOrAdjacentChangesAreNotProposed() {
    add(1, null, 3.0, CREDIT, lines("a", "b", "c", "d"));
    add(2, 1L, 2.8, CREDIT, lines("a", "B!", "c", "d"));
    add(3, 1L, 2.9, CREDIT, lines("a", "b", "C!", "d")); // adjoins 2's change
    add(4, 1L, 2.85, CREDIT, lines("a", "B?", "c", "d")); // same line as 2's change
    assertThat(suggest().pairs()).isEmpty();
  }

  @Test
  void aPairNeedsBothTipsBetterThanTheAncestorAndAMergeNotYetTried() {
    add(1, null, 3.0, CREDIT, lines("a", "b", "c", "d", "e"));
    add(2, 1L, 2.8, CREDIT, lines("A", "b", "c", "d", "e"));
    add(3, 1L, 3.1, CREDIT, lines("a", "b", "c", "d", "E")); // worse than the ancestor
    assertThat(suggest().pairs()).isEmpty();
    pool.remove(2);
    add(3, 1L, 2.9, CREDIT, lines("a", "b", "c", "d", "E"));
    assertThat(suggest().pairs()).hasSize(1);
    String merged = suggest().pairs().get(0).mergedSource();
    assertThat(Suggester.suggest(pool, sources::get, Set.of(Suggester.sha256(merged))).pairs())
        .isEmpty();
  }

  @Test
  void lineagesOfDifferentRootsAreNeverPaired() {
    add(1, null, 3.0, CREDIT, lines("a", "b", "c"));
    add(2, 1L, 2.8, CREDIT, lines("A", "b", "c"));
    add(3, null, 3.0, CREDIT, lines("a", "b", "c", "x"));
    add(4, 3L, 2.9, CREDIT, lines("a", "b", "C", "x"));
    assertThat(suggest().pairs()).isEmpty();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
