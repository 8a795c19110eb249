package dev.swarmledger.node.http;

import static dev.swarmledger.node.http.SwarmNode.CPU;
import static dev.swarmledger.node.http.SwarmNode.run;
import static dev.swarmledger.node.http.SwarmNode.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobKind;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.TrainSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /v1/jobs} and {@code /v1/jobs/{id}} on a real node, read raw (the wire shape
 * docs/api.md promises) and through {@code LedgerClient.jobs} and {@code job}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsHttpTest {
  private SwarmNode swarm;
  private AccountSession alice;
  private AccountSession walt;
  private AccountSession wes;
  private long open;
  private long running;
  private long verifying;

  @BeforeAll
  void start() {
    swarm = new SwarmNode();
    swarm.verifier(10, "v1", CPU);
    swarm.verifier(11, "v2", CPU);
    alice = swarm.register(1, "alice");
    swarm.register(2, "bob");
    walt = swarm.worker(20, "walt");
    wes = swarm.worker(21, "wes");
    Hash weights = Hash.sha256("model weights".getBytes(StandardCharsets.UTF_8));
    long model = swarm.verified(alice, source("model"), run(1.5, "model").withWeights(weights));
    open = alice.submit(SwarmNode.trainJob(source("open job"), 1_000)).index();
    running =
        alice
            .submit(
                new JobCreate(
                    new InferSpec(
                        model,
                        InferSpec.Mode.GENERATE,
                        "ROMEO:".getBytes(StandardCharsets.UTF_8),
                        16),
                    100_000,
                    1_000))
            .index();
    walt.submit(new JobLease(running));
    verifying = alice.submit(SwarmNode.trainJob(source("done job"), 1_000)).index();
    wes.submit(new JobLease(verifying));
    wes.submit(SwarmNode.trained(verifying, "done", Hash.sha256(new byte[] {1})));
  }

  @AfterAll
  void stop() {
    swarm.close();
  }

  private List<Long> rawIds(String query) {
    JsonNode jobs = swarm.get("v1/jobs" + query).get("jobs");
    return StreamSupport.stream(jobs.spliterator(), false).map(j -> j.get("id").asLong()).toList();
  }

  private List<Long> ids(JobFilter f) {
    return swarm.client.jobs(f).stream().map(v -> v.job().id()).toList();
  }

  @Test
  void listIsNewestFirstAndLeavesTrainingSourcesOut() {
    JsonNode jobs = swarm.get("v1/jobs").get("jobs");
    assertThat(rawIds("")).containsExactly(verifying, running, open);
    assertThat(jobs.get(2).get("kind").asText()).isEqualTo("train");
    assertThat(jobs.get(2).has("source")).isFalse();
    assertThat(jobs.get(2).get("source_sha256").asText())
        .isEqualTo(SwarmNode.sha(source("open job")).hex());
    assertThat(jobs.get(0).get("status").asText()).isEqualTo("verifying");
    assertThat(jobs.get(0).get("completion").get("worker").asText()).isEqualTo(wes.account().hex());

    List<JobView> page = swarm.client.jobs(JobFilter.all());
    assertThat(page).extracting(v -> v.job().id()).containsExactly(verifying, running, open);
    assertThat(page).allSatisfy(v -> assertThat(v.source()).isEmpty());
  }

  @Test
  void oneJobCarriesItsSource() {
    JsonNode raw = swarm.get("v1/jobs/" + open);
    assertThat(raw.get("source").asText()).isEqualTo(source("open job"));
    assertThat(raw.get("spender").asText()).isEqualTo(alice.account().hex());

    JobView v = swarm.client.job(open).orElseThrow();
    assertThat(v.source()).contains(source("open job"));
    assertThat(((TrainSpec) v.job().spec()).budgetFlops()).isEqualTo(SwarmNode.FLOPS);
    assertThat(v.job().status()).isEqualTo(Job.Status.OPEN);
    assertThat(swarm.client.job(running).orElseThrow().job().lease().orElseThrow().account())
        .isEqualTo(walt.account());
    assertThat(swarm.client.job(424_242)).isEmpty();
  }

  @Test
  void filtersAnswerOverHttpAndThroughTheClient() {
    assertThat(rawIds("?state=open")).containsExactly(open);
    assertThat(rawIds("?kind=infer")).containsExactly(running);
    assertThat(rawIds("?worker=" + wes.account().hex())).containsExactly(verifying);
    assertThat(rawIds("?limit=1")).containsExactly(verifying);
    assertThat(rawIds("?since=" + running)).containsExactly(verifying, running);

    assertThat(ids(JobFilter.all().state(Job.Status.RUNNING))).containsExactly(running);
    assertThat(ids(JobFilter.all().kind(JobKind.TRAIN))).containsExactly(verifying, open);
    assertThat(ids(JobFilter.all().spender(alice.account())))
        .containsExactly(verifying, running, open);
    assertThat(ids(JobFilter.all().spender(walt.account()))).isEmpty();
    assertThat(ids(JobFilter.all().worker(walt.account()))).containsExactly(running);
    PublicKey checker = swarm.checker(verifying).account();
    assertThat(ids(JobFilter.all().verifier(checker))).containsExactly(verifying);
    assertThat(ids(JobFilter.all().since(verifying).kind(JobKind.INFER))).isEmpty();
    assertThat(ids(JobFilter.all().limit(2))).containsExactly(verifying, running);
  }

  @Test
  void badQueriesAreRefused() {
    assertRefused("v1/jobs/abc", 400, "invalid_query");
    assertRefused("v1/jobs/-1", 400, "invalid_query");
    assertRefused("v1/jobs/424242", 404, "unknown_job");
    assertRefused("v1/jobs?state=done", 400, "invalid_query");
    assertRefused("v1/jobs?kind=both", 400, "invalid_query");
    assertRefused("v1/jobs?limit=0", 400, "invalid_query");
    assertRefused("v1/jobs?limit=501", 400, "invalid_query");
    assertRefused("v1/jobs?since=x", 400, "invalid_query");
    assertRefused("v1/jobs?worker=XYZ", 400, "invalid_account");
    assertRefused("v1/jobs?spender=" + "A".repeat(64), 400, "invalid_account");
  }

  private void assertRefused(String query, int status, String code) {
    NodeHttp.Reply r = new NodeHttp(swarm.node.url()).get("/" + query);
    assertThat(r.status()).as(query).isEqualTo(status);
    assertThat(r.json().get("error").get("code").asText()).as(query).isEqualTo(code);
  }
}
