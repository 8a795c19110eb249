package dev.swarmledger.node.http;

import static dev.swarmledger.node.http.SwarmNode.TRACK;
import static dev.swarmledger.node.http.SwarmNode.result;
import static dev.swarmledger.node.http.SwarmNode.run;
import static dev.swarmledger.node.http.SwarmNode.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The read side of the swarm API: filters, pages, and refusals of bad queries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmQueriesHttpTest {
  private SwarmNode swarm;
  private AccountSession alice;
  private long r1;
  private long r2;

  @BeforeAll
  void start() {
    swarm = new SwarmNode();
    alice = swarm.register(1, "alice");
    AccountSession bob = swarm.register(2, "bob");
    r1 = alice.submit(result(OptionalLong.empty(), source("1"), run(1.5, "1"))).index();
    r2 = bob.submit(result(OptionalLong.empty(), source("2"), run(1.6, "2"))).index();
    alice.submit(new HypothesisCreate(TRACK, "low", "maybe", "", List.of(r1), 1));
    bob.submit(new HypothesisCreate(TRACK, "high", "surely", "swap the mlp", List.of(r1, r2), 5));
  }

  @AfterAll
  void stop() {
    swarm.close();
  }

  @Test
  void resultsFilterAndPage() {
    JsonNode all = swarm.get("v1/results").get("results");
    assertThat(all).hasSize(2);
    assertThat(all.get(0).get("id").asLong()).isEqualTo(r2); // newest first
    assertThat(all.get(0).has("source")).isFalse();
    assertThat(swarm.result(r1).get("source").asText()).isEqualTo(source("1"));
    assertThat(swarm.get("v1/results?account=" + alice.account().hex()).get("results")).hasSize(1);
    assertThat(swarm.get("v1/results?status=pending&limit=1").get("results")).hasSize(1);
    assertThat(swarm.get("v1/results?since=" + r2).get("results")).hasSize(1);
    assertThat(swarm.get("v1/results?status=verified").get("results")).isEmpty();
  }

  @Test
  void hypothesesByPriority() {
    JsonNode h = swarm.get("v1/hypotheses?track=" + TRACK).get("hypotheses");
    assertThat(h).hasSize(2);
    assertThat(h.get(0).get("title").asText()).isEqualTo("high");
    assertThat(h.get(0).get("evidence")).hasSize(2);
    assertThat(h.get(1).get("suggested_change").asText()).isEmpty();
  }

  @Test
  void badQueriesAreRefused() {
    assertRefused("v1/best", 400, "invalid_query");
    assertRefused("v1/best?track=" + TRACK, 404, "not_found");
    assertRefused("v1/best?track=nope", 404, "unknown_track");
    assertRefused("v1/leaderboard?track=nope", 404, "unknown_track");
    assertRefused("v1/results?limit=0", 400, "invalid_query");
    assertRefused("v1/results?limit=501", 400, "invalid_query");
    assertRefused("v1/results?status=maybe", 400, "invalid_query");
    assertRefused("v1/claims?status=open", 400, "invalid_query");
    assertRefused("v1/results/abc", 400, "invalid_query");
    assertRefused("v1/results/424242", 404, "unknown_result");
    assertRefused("v1/work", 400, "invalid_query");
    assertRefused("v1/work?verifier=XYZ", 400, "invalid_account");
    assertRefused("v1/results?account=" + "A".repeat(64), 400, "invalid_account");
    assertRefused("v1/nothing", 404, "not_found");
  }

  private void assertRefused(String query, int status, String code) {
    NodeHttp.Reply r = new NodeHttp(swarm.node.url()).get("/" + query);
    assertThat(r.status()).as(query).isEqualTo(status);
    assertThat(r.json().get("error").get("code").asText()).as(query).isEqualTo(code);
  }
}
