package dev.swarmledger.node.http;

import static dev.swarmledger.node.http.SwarmNode.claim;
import static dev.swarmledger.node.http.SwarmNode.result;
import static dev.swarmledger.node.http.SwarmNode.run;
import static dev.swarmledger.node.http.SwarmNode.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.node.http.SwarmNode.ManualClock;
import dev.swarmledger.node.http.SwarmNode.Refusal;
import dev.swarmledger.protocol.claims.ClaimRelease;
import dev.swarmledger.protocol.genesis.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Claims over HTTP: duplicate refusals with the conflicting id, release, expiry in log time. */
class ClaimsHttpTest {
  @Test
  void duplicatesAreRefusedWithTheConflictAndReleaseFreesTheIdea() {
    try (SwarmNode swarm = new SwarmNode()) {
      AccountSession alice = swarm.register(1, "alice");
      AccountSession bob = swarm.register(2, "bob");
      long size = swarm.node.log().size();

      long claimA = alice.submit(claim("use SwiGLU in the MLP", source("a"))).index();

      Refusal sameSource = swarm.refuse(bob, claim("completely different words", source("a")));
      assertThat(sameSource.status()).isEqualTo(409);
      assertThat(sameSource.code()).isEqualTo("duplicate_claim");
      assertThat(sameSource.conflict()).hasValue(claimA);

      Refusal similar = swarm.refuse(bob, claim("MLP: use swiglu in the", source("b")));
      assertThat(similar.status()).isEqualTo(409);
      assertThat(similar.code()).isEqualTo("duplicate_claim");
      assertThat(similar.conflict()).hasValue(claimA);

      long resultId =
          bob.submit(result(OptionalLong.empty(), source("done"), run(1.7, "bob"))).index();
      Refusal ran = swarm.refuse(alice, claim("rotary embeddings", source("done")));
      assertThat(ran.status()).isEqualTo(409);
      assertThat(ran.code()).isEqualTo("duplicate_source");
      assertThat(ran.conflict()).hasValue(resultId);

      long claimB = bob.submit(claim("cosine schedule with warmup", source("c"))).index();

      Refusal notOwner = swarm.refuse(bob, new ClaimRelease(claimA));
      assertThat(notOwner.status()).isEqualTo(422);
      assertThat(notOwner.code()).isEqualTo("not_claim_owner");
      Refusal unknown = swarm.refuse(bob, new ClaimRelease(99_999));
      assertThat(unknown.status()).isEqualTo(404);

      alice.submit(new ClaimRelease(claimA));
      long again = bob.submit(claim("use SwiGLU in the MLP", source("a"))).index();

      JsonNode active = swarm.get("v1/claims?status=active").get("claims");
      assertThat(ids(active)).containsExactly(again, claimB);
      JsonNode released = swarm.get("v1/claims?status=released").get("claims");
      assertThat(ids(released)).containsExactly(claimA);
      assertThat(ids(swarm.get("v1/claims?account=" + alice.account().hex()).get("claims")))
          .containsExactly(claimA);
      // Refusals wrote nothing: genesis..now holds exactly the accepted transactions.
      assertThat(swarm.node.log().size()).isEqualTo(size + 5);
    }
  }

  @Test
  void claimsExpireInLogTime() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    long ttl = Policy.defaults().claimTtlSeconds();
    try (SwarmNode swarm = new SwarmNode(Optional.empty(), clock)) {
      AccountSession alice = swarm.register(1, "alice");
      AccountSession bob = swarm.register(2, "bob");
      long old = alice.submit(claim("use swiglu in the mlp", source("a"))).index();
      JsonNode listed = swarm.get("v1/claims").get("claims").get(0);
      assertThat(listed.get("expires").asText()).isEqualTo("2026-03-01T12:15:00.000Z");

      clock.advance(Duration.ofSeconds(ttl).minusSeconds(1));
      assertThat(swarm.refuse(bob, claim("use swiglu in the mlp", source("a"))).conflict())
          .hasValue(old);

      clock.advance(Duration.ofSeconds(2));
      long fresh = bob.submit(claim("use swiglu in the mlp", source("a"))).index();

      JsonNode active = swarm.get("v1/claims?status=active").get("claims");
      assertThat(ids(active)).containsExactly(fresh);
      JsonNode expired = swarm.get("v1/claims?status=expired").get("claims");
      assertThat(ids(expired)).containsExactly(old);
      JsonNode all = swarm.get("v1/claims");
      assertThat(all.get("claims").get(1).get("status").asText()).isEqualTo("expired");
      assertThat(all.get("now").asText()).isEqualTo("2026-03-01T12:15:01.000Z");
      assertThat(swarm.get("v1/stats").get("claims_active").asLong()).isEqualTo(1);
      // An expired claim cannot be released any more.
      assertThat(swarm.refuse(alice, new ClaimRelease(old)).code()).isEqualTo("claim_not_active");
    }
  }

  private static List<Long> ids(JsonNode claims) {
    List<Long> out = new ArrayList<>();
    claims.forEach(c -> out.add(c.get("id").asLong()));
    return out;
  }
}
