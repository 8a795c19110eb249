package dev.swarmledger.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.api.StatsView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsQueryTest {
  @Test
  void countsResultsByStatusAndOnlyActiveClaims() {
    QueryLog log = new QueryLog();
    log.verifier(10, "v1");
    log.verifier(11, "v2");
    SigningKey alice = log.register(1, "alice");
    long good = log.submit(alice, "a1", 1.5);
    log.attestAll(good, Verdict.EXACT);
    long bad = log.submit(alice, "a2", 1.2);
    log.attestAll(bad, Verdict.MISMATCH);
    log.submit(alice, "a3", 1.4);
    log.claim(alice, "an old idea about attention");
    log.advance(Duration.ofDays(3));
    log.claim(alice, "a fresh idea about the optimiser");

    StatsView s = StatsQuery.of(log.state, 2);

    assertThat(s.results()).isEqualTo(new StatsView.ResultCounts(1, 1, 1));
    assertThat(s.verifiedFlops())
        .isEqualTo(log.state.result(good).orElseThrow().submission().run().flops());
    assertThat(s.accounts()).isEqualTo(4); // the operator, two verifiers and alice
    assertThat(s.verifiers()).isEqualTo(2);
    assertThat(s.claimsActive()).isEqualTo(1);
    assertThat(s.logSize()).isEqualTo(log.state.size());
    assertThat(s.supply()).isEqualTo(s.minted() - s.burned()).isPositive();
    assertThat(s.best()).singleElement().satisfies(b -> assertThat(b.result()).isEqualTo(good));
    assertThat(s.eventSubscribers()).isEqualTo(2);
  }
}
