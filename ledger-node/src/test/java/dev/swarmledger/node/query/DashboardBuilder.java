package dev.swarmledger.node.query;

import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.Verdict;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A busy track for the dashboard at scale: 50 contributors, every result re-run at once, every
 * fifth result of each contributor a mismatch (so nobody becomes trusted and skips re-runs, and no
 * work piles up).
 */
final class DashboardBuilder {
  private DashboardBuilder() {}

  static void fill(QueryLog log, int results) {
    log.verifier(10, "vera");
    log.verifier(11, "victor");
    List<SigningKey> people =
        IntStream.range(0, 50).mapToObj(i -> log.register(100 + i, "person-" + i)).toList();
    for (int i = 0; i < results; i++) {
      long id = log.submit(people.get(i % 50), "r" + i, 2.0 + (i % 997) / 1000.0);
      log.attestAll(id, (i / 50) % 5 == 4 ? Verdict.MISMATCH : Verdict.EXACT);
    }
  }
}
