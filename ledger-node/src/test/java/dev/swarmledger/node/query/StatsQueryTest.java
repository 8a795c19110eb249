package dev.swarmledger.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.protocol.api.StatsJson;
import dev.swarmledger.protocol.api.StatsView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackCreate;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.math.BigInteger;
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

  @Test
  void verifiedFlopsAddUpPastSixtyFourBitsAndTravelAsDigits() {
    QueryLog log = new QueryLog();
    log.verifier(10, "v1");
    log.verifier(11, "v2");
    SigningKey alice = log.register(1, "alice");
    log.apply(
        log.operator,
        new TrackCreate(
            new TrackSpec(
                "huge",
                "gpt-bytes",
                DefaultTracks.ENWIK8_DATA,
                Long.MAX_VALUE,
                0.005,
                0.01,
                1,
                2)));
    long each = Long.MAX_VALUE - 1;
    log.attestAll(log.submit(alice, "huge", "h1", 1.2, each), Verdict.EXACT);
    log.attestAll(log.submit(alice, "huge", "h2", 1.3, each), Verdict.EXACT);

    StatsView s = StatsQuery.of(log.state, 0);

    BigInteger sum = BigInteger.valueOf(each).shiftLeft(1);
    assertThat(s.results().verified()).isEqualTo(2);
    assertThat(s.verifiedFlops()).isEqualTo(sum);
    assertThat(sum).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
    ObjectNode json = StatsJson.encode(s);
    assertThat(json.get("verified_flops").textValue()).isEqualTo("18446744073709551612");
    assertThat(StatsJson.decode(StrictJson.parseObject(StrictJson.canonical(json)))).isEqualTo(s);
  }
}
