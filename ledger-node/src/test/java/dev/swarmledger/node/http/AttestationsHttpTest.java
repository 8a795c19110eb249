package dev.swarmledger.node.http;

import static dev.swarmledger.node.http.SwarmNode.CPU;
import static dev.swarmledger.node.http.SwarmNode.MICRO;
import static dev.swarmledger.node.http.SwarmNode.TRACK;
import static dev.swarmledger.node.http.SwarmNode.attest;
import static dev.swarmledger.node.http.SwarmNode.exact;
import static dev.swarmledger.node.http.SwarmNode.result;
import static dev.swarmledger.node.http.SwarmNode.run;
import static dev.swarmledger.node.http.SwarmNode.sha;
import static dev.swarmledger.node.http.SwarmNode.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.node.http.SwarmNode.Refusal;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attestations over HTTP: who may attest, consistent verdicts, rejection and outvoting. */
class AttestationsHttpTest {
  private static final Policy POLICY = Policy.defaults();

  private SwarmNode swarm;
  private AccountSession alice;
  private final Map<PublicKey, AccountSession> verifiers = new HashMap<>();

  @BeforeEach
  void start() {
    swarm = new SwarmNode();
    alice = swarm.register(1, "alice");
    for (int i = 0; i < 3; i++) {
      AccountSession v = swarm.verifier(11 + i, "v" + i, CPU);
      verifiers.put(v.account(), v);
    }
  }

  @AfterEach
  void stop() {
    swarm.close();
  }

  private List<AccountSession> assigned(long id) {
    List<AccountSession> out = new ArrayList<>();
    swarm
        .result(id)
        .get("assigned")
        .forEach(n -> out.add(verifiers.get(PublicKey.fromHex(n.asText()))));
    return out;
  }

  private long reputation(AccountSession s) {
    return swarm.account(s).get("reputation").asLong();
  }

  @Test
  void refusals() {
    RunSummary run = run(1.5, "alice");
    long id = alice.submit(result(OptionalLong.empty(), source("a"), run)).index();
    List<AccountSession> assigned = assigned(id);
    AccountSession outsider =
        verifiers.values().stream().filter(v -> !assigned.contains(v)).findFirst().orElseThrow();
    AccountSession carol = swarm.register(3, "carol");
    long size = swarm.node.log().size();

    Refusal notVerifier = swarm.refuse(carol, exact(id, run));
    assertThat(notVerifier.status()).isEqualTo(422);
    assertThat(notVerifier.code()).isEqualTo("not_verifier");

    Refusal notAssigned = swarm.refuse(outsider, exact(id, run));
    assertThat(notAssigned.status()).isEqualTo(422);
    assertThat(notAssigned.code()).isEqualTo("not_assigned");

    Refusal unknown = swarm.refuse(outsider, exact(9_999, run));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("unknown_result");

    AccountSession v = assigned.get(0);
    Refusal claimsExactButDiffers =
        swarm.refuse(v, attest(id, Verdict.EXACT, 1.6, run.finalParamHash()));
    assertThat(claimsExactButDiffers.status()).isEqualTo(422);
    assertThat(claimsExactButDiffers.code()).isEqualTo("inconsistent_verdict");
    Refusal claimsMismatchButSame =
        swarm.refuse(v, attest(id, Verdict.MISMATCH, 1.5, run.finalParamHash()));
    assertThat(claimsMismatchButSame.code()).isEqualTo("inconsistent_verdict");
    // Same hardware class: "within tolerance" is not an excuse for different numbers.
    Refusal tolerance =
        swarm.refuse(v, attest(id, Verdict.WITHIN_TOLERANCE, 1.505, sha("other params")));
    assertThat(tolerance.code()).isEqualTo("inconsistent_verdict");

    v.submit(exact(id, run));
    Refusal twice = swarm.refuse(v, exact(id, run));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("duplicate_attestation");

    // A verifier who submits is never assigned its own result, and may not attest it.
    AccountSession self = assigned.get(1);
    RunSummary own = run(1.45, "self");
    long ownId = self.submit(result(OptionalLong.empty(), source("self"), own)).index();
    assertThat(swarm.result(ownId).get("assigned").toString()).doesNotContain(self.account().hex());
    Refusal selfAttest = swarm.refuse(self, exact(ownId, own));
    assertThat(selfAttest.status()).isEqualTo(422);
    assertThat(selfAttest.code()).isEqualTo("self_attestation");

    // Only the one good attestation and the self-submitted result were written.
    assertThat(swarm.node.log().size()).isEqualTo(size + 2);
    assertThat(swarm.balance(v)).isZero();
  }

  @Test
  void unreproducedResultIsRejected() {
    RunSummary claimed = run(1.1, "too good");
    long id = alice.submit(result(OptionalLong.empty(), source("a"), claimed)).index();
    List<AccountSession> assigned = assigned(id);
    for (AccountSession v : assigned) {
      v.submit(attest(id, Verdict.MISMATCH, 1.62, sha("what the source really gives")));
    }
    JsonNode r = swarm.result(id);
    assertThat(r.get("status").asText()).isEqualTo("rejected");
    assertThat(r.get("minted").asLong()).isZero();
    assertThat(swarm.balance(alice)).isZero();
    assertThat(reputation(alice)).isEqualTo(POLICY.initialReputation() - POLICY.mismatchPenalty());
    assertThat(swarm.account(alice).get("streak").asLong()).isZero();
    for (AccountSession v : assigned) {
      assertThat(swarm.balance(v)).isEqualTo(MICRO);
      // Agreeing with the quorum earns reputation.
      assertThat(reputation(v)).isEqualTo(POLICY.initialReputation() + POLICY.agreementReward());
    }
    assertThat(swarm.getText("v1/stats")).contains("\"rejected\":1");
    assertThat(swarm.get("v1/results?status=rejected").get("results").get(0).get("id").asLong())
        .isEqualTo(id);
    // The rejected source stays taken: nobody re-publishes it.
    AccountSession bob = swarm.register(2, "bob");
    assertThat(swarm.refuse(bob, result(OptionalLong.empty(), source("a"), claimed)).code())
        .isEqualTo("duplicate_source");
  }

  @Test
  void lazyVerifierIsOutvotedByATieBreaker() {
    RunSummary run = run(1.3, "honest");
    long id = alice.submit(result(OptionalLong.empty(), source("a"), run)).index();
    List<AccountSession> first = assigned(id);
    assertThat(first).hasSize(2);
    AccountSession lazy = first.get(0);
    AccountSession honest = first.get(1);
    lazy.submit(attest(id, Verdict.MISMATCH, run.valBpb(), sha("did not really run it")));
    honest.submit(exact(id, run));

    List<AccountSession> now = assigned(id);
    assertThat(now).hasSize(3).containsAll(first);
    AccountSession breaker = now.get(2);
    assertThat(swarm.result(id).get("status").asText()).isEqualTo("pending");
    assertThat(swarm.work(breaker)).containsExactly(id);
    assertThat(swarm.work(lazy)).isEmpty();

    breaker.submit(exact(id, run));
    assertThat(swarm.result(id).get("status").asText()).isEqualTo("verified");
    assertThat(swarm.get("v1/best?track=" + TRACK).get("result").asLong()).isEqualTo(id);
    assertThat(reputation(lazy)).isEqualTo(POLICY.initialReputation() - POLICY.mismatchPenalty());
    assertThat(swarm.balance(lazy)).isZero();
    assertThat(swarm.balance(honest)).isEqualTo(MICRO);
    assertThat(swarm.balance(breaker)).isEqualTo(MICRO);
    assertThat(swarm.balance(alice)).isEqualTo(MICRO + POLICY.newBestBonusMicro());
    assertThat(reputation(alice)).isEqualTo(POLICY.initialReputation() + POLICY.agreementReward());
  }

  @Test
  void lateGrantPicksUpWaitingWork() {
    try (SwarmNode lonely = new SwarmNode()) {
      AccountSession c = lonely.register(1, "c");
      RunSummary run = run(1.5, "c");
      long id = c.submit(result(OptionalLong.empty(), source("a"), run)).index();
      assertThat(lonely.result(id).get("assigned")).isEmpty();
      AccountSession v = lonely.register(2, "v");
      lonely.operator.submit(new VerifierGrant(v.account(), "cuda-a100"));
      assertThat(lonely.work(v)).containsExactly(id);
    }
  }
}
