package dev.swarmledger.protocol.state;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How alike two claim descriptions are: the cosine similarity of their word-count vectors
 * (lower-cased words of letters and digits). 1.0 means the same words in the same proportions; word
 * order and punctuation do not matter, so "use SwiGLU in the MLP" and "MLP: use swiglu" are the
 * same idea.
 */
public final class ClaimSimilarity {
  private ClaimSimilarity() {}

  /**
   * Similarity in [0, 1000] per mille, rounded down and computed in integers, so that {@code
   * permille >= t} holds exactly when the cosine is at least t/1000 (rounding to nearest made
   * 0.7995 count as 0.8) and every replay on every JVM decides the same.
   */
  public static long permille(String a, String b) {
    Map<String, Long> va = words(a);
    Map<String, Long> vb = words(b);
    if (va.isEmpty() || vb.isEmpty()) {
      return 0;
    }
    long dot = 0;
    for (Map.Entry<String, Long> e : va.entrySet()) {
      dot = Math.addExact(dot, Math.multiplyExact(e.getValue(), vb.getOrDefault(e.getKey(), 0L)));
    }
    long norms = Math.multiplyExact(squares(va), squares(vb));
    // Largest p with p/1000 <= dot/sqrt(norms), i.e. p^2 * norms <= dot^2 * 10^6.
    long target = Math.multiplyExact(Math.multiplyExact(dot, dot), 1_000_000L);
    long p = Math.min(1000, (long) Math.floor(1000.0 * dot / Math.sqrt((double) norms)));
    while (p > 0 && Math.multiplyExact(p * p, norms) > target) {
      p--;
    }
    while (p < 1000 && Math.multiplyExact((p + 1) * (p + 1), norms) <= target) {
      p++;
    }
    return p;
  }

  private static long squares(Map<String, Long> v) {
    long s = 0;
    for (long c : v.values()) {
      s = Math.addExact(s, c * c);
    }
    return s;
  }

  private static Map<String, Long> words(String s) {
    Map<String, Long> counts = new HashMap<>();
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        counts.merge(w, 1L, Long::sum);
      }
    }
    return counts;
  }
}
