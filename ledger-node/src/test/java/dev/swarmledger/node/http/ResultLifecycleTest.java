package dev.swarmledger.node.http;

import static dev.swarmledger.node.http.SwarmNode.CPU;
import static dev.swarmledger.node.http.SwarmNode.MICRO;
import static dev.swarmledger.node.http.SwarmNode.TRACK;
import static dev.swarmledger.node.http.SwarmNode.claim;
import static dev.swarmledger.node.http.SwarmNode.exact;
import static dev.swarmledger.node.http.SwarmNode.result;
import static dev.swarmledger.node.http.SwarmNode.run;
import static dev.swarmledger.node.http.SwarmNode.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.state.StateDigest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * THINK → CLAIM → RUN → PUBLISH → verify over HTTP against a real node on RocksDB: work lists,
 * quorum, minting, the best, stats, leaderboard and the event stream; then a restart replays the
 * same state.
 */
class ResultLifecycleTest {
  @TempDir Path dir;

  @Test
  void resultIsVerifiedMintedAndBecomesBest() throws Exception {
    long bonus = Policy.defaults().newBestBonusMicro();
    Hash rootBefore;
    try (SwarmNode swarm = new SwarmNode(Optional.of(dir), Clock.systemUTC())) {
      List<String> events = new CopyOnWriteArrayList<>();
      Thread reader = subscribe(swarm, events);

      AccountSession v1 = swarm.verifier(11, "v1", CPU);
      AccountSession v2 = swarm.verifier(12, "v2", CPU);
      AccountSession v3 = swarm.verifier(13, "v3", CPU);
      AccountSession alice = swarm.register(1, "alice");
      // alice verifies too, so "never the submitter" is a real choice for the assignment.
      swarm.operator.submit(new VerifierGrant(alice.account(), CPU));
      Map<PublicKey, AccountSession> verifiers = new HashMap<>();
      for (AccountSession v : List.of(v1, v2, v3, alice)) {
        verifiers.put(v.account(), v);
      }

      // THINK: no best yet.
      assertThat(swarm.get("v1/tracks").get("tracks"))
          .extracting(t -> t.get("id").asText())
          .containsExactly("enwik8", TRACK);
      // CLAIM
      String src = source("swiglu");
      long claimId = alice.submit(claim("use swiglu in the mlp", src)).index();
      // PUBLISH
      RunSummary run = run(1.4321, "alice-1");
      long id = alice.submit(result(OptionalLong.of(claimId), src, run)).index();

      JsonNode r = swarm.result(id);
      assertThat(r.get("status").asText()).isEqualTo("pending");
      assertThat(r.get("candidate_best").asBoolean()).isTrue();
      assertThat(r.get("quorum").asInt()).isEqualTo(2);
      List<String> assigned = new ArrayList<>();
      r.get("assigned").forEach(n -> assigned.add(n.asText()));
      assertThat(assigned).hasSize(2).doesNotContain(alice.account().hex());
      for (AccountSession v : verifiers.values()) {
        boolean isAssigned = assigned.contains(v.account().hex());
        assertThat(swarm.work(v))
            .as(v.account().hex())
            .isEqualTo(isAssigned ? List.of(id) : List.of());
      }
      assertThat(swarm.get("v1/claims?status=fulfilled").get("claims").get(0).get("id").asLong())
          .isEqualTo(claimId);

      // VERIFY: two agreeing exact attestations.
      AccountSession first = verifiers.get(PublicKey.fromHex(assigned.get(0)));
      AccountSession second = verifiers.get(PublicKey.fromHex(assigned.get(1)));
      first.submit(exact(id, run));
      assertThat(swarm.result(id).get("status").asText()).isEqualTo("pending");
      assertThat(swarm.work(first)).isEmpty();
      second.submit(exact(id, run));

      r = swarm.result(id);
      assertThat(r.get("status").asText()).isEqualTo("verified");
      assertThat(r.get("became_best").asBoolean()).isTrue();
      assertThat(r.get("minted").asLong()).isEqualTo(MICRO + bonus);
      JsonNode best = swarm.get("v1/best?track=" + TRACK);
      assertThat(best.get("result").asLong()).isEqualTo(id);
      assertThat(best.get("val_bpb").asDouble()).isEqualTo(1.4321);
      assertThat(best.get("account").asText()).isEqualTo(alice.account().hex());
      assertThat(best.get("result_detail").get("source").asText()).isEqualTo(src);
      assertThat(swarm.balance(alice)).isEqualTo(MICRO + bonus);
      assertThat(swarm.balance(first)).isEqualTo(MICRO);
      assertThat(swarm.balance(second)).isEqualTo(MICRO);
      AccountSession idle =
          List.of(v1, v2, v3).stream()
              .filter(v -> !assigned.contains(v.account().hex()))
              .findFirst()
              .orElseThrow();
      assertThat(swarm.balance(idle)).isZero();

      // A second contributor's worse, ordinary result: one attestation, no bonus.
      AccountSession bob = swarm.register(2, "bob");
      RunSummary worse = run(1.6, "bob-1");
      long bobId = bob.submit(result(OptionalLong.empty(), source("bob"), worse)).index();
      JsonNode bobResult = swarm.result(bobId);
      assertThat(bobResult.get("quorum").asInt()).isEqualTo(1);
      AccountSession bobVerifier =
          verifiers.get(PublicKey.fromHex(bobResult.get("assigned").get(0).asText()));
      bobVerifier.submit(exact(bobId, worse));
      assertThat(swarm.result(bobId).get("status").asText()).isEqualTo("verified");
      assertThat(swarm.balance(bob)).isEqualTo(MICRO);
      assertThat(swarm.get("v1/best?track=" + TRACK).get("result").asLong()).isEqualTo(id);

      // Stats: supply is the sum of every balance.
      long sum = 0;
      for (AccountSession s : List.of(swarm.operator, v1, v2, v3, alice, bob)) {
        sum += swarm.balance(s) + swarm.account(s).get("escrowed").asLong();
      }
      JsonNode stats = swarm.get("v1/stats");
      assertThat(stats.get("supply").asLong()).isEqualTo(sum).isEqualTo(5 * MICRO + bonus);
      assertThat(stats.get("minted").asLong()).isEqualTo(sum);
      assertThat(stats.get("results").get("verified").asLong()).isEqualTo(2);
      assertThat(stats.get("accounts").asLong()).isEqualTo(6);
      assertThat(stats.get("verifiers").asLong()).isEqualTo(4);

      // Leaderboard: alice first (lower val_bpb), bob second.
      JsonNode board = swarm.get("v1/leaderboard?track=" + TRACK).get("leaderboard");
      assertThat(board).hasSize(2);
      assertThat(board.get(0).get("rank").asInt()).isEqualTo(1);
      assertThat(board.get(0).get("account").asText()).isEqualTo(alice.account().hex());
      assertThat(board.get(0).get("best_result").asLong()).isEqualTo(id);
      assertThat(board.get(1).get("account").asText()).isEqualTo(bob.account().hex());
      assertThat(board.get(1).get("rank").asInt()).isEqualTo(2);

      SwarmNode.await(
          "result.verified, best.updated and credits.minted events",
          Duration.ofSeconds(10),
          () ->
              events.containsAll(
                  List.of("work.assigned", "result.verified", "best.updated", "credits.minted")));
      reader.interrupt();
      rootBefore = swarm.node.log().read(StateDigest::root);
    }
    // A restart replays the log into the same state.
    try (SwarmNode again = new SwarmNode(Optional.of(dir), Clock.systemUTC())) {
      assertThat(again.node.log().read(StateDigest::root)).isEqualTo(rootBefore);
      assertThat(again.get("v1/best?track=" + TRACK).get("val_bpb").asDouble()).isEqualTo(1.4321);
    }
  }

  /** Reads {@code /v1/events} on a daemon thread, collecting the event kinds. */
  private static Thread subscribe(SwarmNode swarm, List<String> kinds) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(swarm.node.url() + "/v1/events")).build();
    HttpResponse<java.io.InputStream> res =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).hasValue("text/event-stream");
    SwarmNode.await(
        "the event subscription",
        Duration.ofSeconds(5),
        () -> swarm.get("v1/stats").get("event_subscribers").asInt() == 1);
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("event: ")) {
                    kinds.add(line.substring("event: ".length()));
                  }
                }
              } catch (java.io.IOException e) {
                // the node closed the stream
              }
            },
            "sse-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
