package dev.swarmledger.protocol.claims;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.similarity.CosineSimilarity;

/**
 * How alike two claim descriptions are: the cosine similarity of their word-count vectors
 * (lower-cased words of letters and digits), computed by Apache Commons Text. 1.0 means the same
 * words in the same proportions; word order and punctuation do not matter, so "use SwiGLU in the
 * MLP" and "MLP: use swiglu" are the same idea.
 */
public final class ClaimSimilarity {
  private static final CosineSimilarity COSINE = new CosineSimilarity();

  private ClaimSimilarity() {}

  /**
   * Similarity in [0, 1000] per mille, rounded down, so {@code permille >= t} means the cosine is
   * at least t/1000 (rounding to nearest made 0.7995 count as 0.8). Java's double arithmetic is the
   * same on every JVM, so every replay decides the same.
   */
  public static long permille(String a, String b) {
    Map<CharSequence, Integer> va = words(a);
    Map<CharSequence, Integer> vb = words(b);
    if (va.isEmpty() || vb.isEmpty()) {
      return 0;
    }
    double cos = COSINE.cosineSimilarity(va, vb);
    return Math.max(0, Math.min(1000, (long) Math.floor(cos * 1000.0 + 1e-9)));
  }

  private static Map<CharSequence, Integer> words(String s) {
    Map<CharSequence, Integer> counts = new HashMap<>();
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    return counts;
  }
}
