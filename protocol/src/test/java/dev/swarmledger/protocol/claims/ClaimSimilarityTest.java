package dev.swarmledger.protocol.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Cosine similarity of word counts, in per mille. */
class ClaimSimilarityTest {
  @Test
  void orderCaseAndPunctuationDoNotMatter() {
    assertThat(ClaimSimilarity.permille("use SwiGLU in the MLP", "MLP: use swiglu, in the"))
        .isEqualTo(1000);
  }

  @Test
  void unrelatedTextsAreZeroAndEmptyTextIsNeverSimilar() {
    assertThat(ClaimSimilarity.permille("rotary embeddings", "cosine schedule")).isZero();
    assertThat(ClaimSimilarity.permille("", "anything")).isZero();
    assertThat(ClaimSimilarity.permille("!!!", "!!!")).isZero();
  }

  @Test
  void knownValues() {
    // 4 shared words out of 5 each: cos = 4/5 exactly.
    assertThat(ClaimSimilarity.permille("a b c d e", "a b c d f")).isEqualTo(800);
    // Counts matter: (2,1)·(1,1) / (sqrt 5 · sqrt 2) = 0.9487
    assertThat(ClaimSimilarity.permille("lr lr warmup", "lr warmup")).isEqualTo(948);
  }

  @Test
  void justBelowTheThresholdIsNotRoundedUpToIt() {
    // 15 shared words, 16 and 22 words in all: cos = 15 / sqrt(352) = 0.79950...
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      a.add("w" + i);
      b.add("w" + i);
    }
    a.add("onlya");
    for (int i = 0; i < 7; i++) {
      b.add("onlyb" + i);
    }
    long p = ClaimSimilarity.permille(String.join(" ", a), String.join(" ", b));
    assertThat(p).isLessThan(800);
  }

  @Property(tries = 300)
  void symmetricAndBounded(
      @ForAll @StringLength(max = 60) String a, @ForAll @StringLength(max = 60) String b) {
    long p = ClaimSimilarity.permille(a, b);
    assertThat(p).isBetween(0L, 1000L).isEqualTo(ClaimSimilarity.permille(b, a));
  }
}
