package dev.swarmledger.node.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobQueryTest {
  private static final long BUDGET = 1_000_000_000L;
  private static final long MAX = 5;

  private final QueryLog log = new QueryLog();
  private final SigningKey v1 = log.verifier(10, "v1");
  private final SigningKey v2 = log.verifier(11, "v2");
  private final SigningKey alice = log.register(1, "alice");
  private final SigningKey bob = log.register(2, "bob");
  private final SigningKey walt = log.worker(20, "walt");
  private final SigningKey wes = log.worker(21, "wes");
  private final long model = log.publishModel(alice, "model", blob("model"));
  // open; running (walt); verifying (wes), newest last
  private final long open = log.trainJob(alice, "open", BUDGET, MAX);
  private final long running = log.inferJob(alice, model, "ROMEO:", MAX);
  private final long verifying = log.trainJob(alice, "verifying", BUDGET, MAX);

  {
    log.lease(walt, running);
    log.lease(wes, verifying);
    log.completeTrained(wes, verifying, blob("trained"), BUDGET);
  }

  private static Hash blob(String tag) {
    return Hash.sha256(("blob " + tag).getBytes(StandardCharsets.UTF_8));
  }

  private List<Long> ids(JobFilter f) {
    return JobQuery.page(log.state, f).stream().map(v -> v.job().id()).toList();
  }

  @Test
  void pageIsNewestFirstWithoutTrainingSources() {
    assertThat(ids(JobFilter.all())).containsExactly(verifying, running, open);
    assertThat(JobQuery.page(log.state, JobFilter.all()))
        .allSatisfy(
            v -> {
              assertThat(v.sourceIncluded()).isFalse();
              assertThat(v.source()).isEmpty();
            });
    assertThat(ids(JobFilter.all().limit(2))).containsExactly(verifying, running);
    assertThat(ids(JobFilter.all().since(running))).containsExactly(verifying, running);
    assertThat(ids(JobFilter.all().since(verifying + 1))).isEmpty();
  }

  @Test
  void filtersByStateKindSpenderWorkerAndVerifier() {
    assertThat(ids(JobFilter.all().state(Job.Status.OPEN))).containsExactly(open);
    assertThat(ids(JobFilter.all().state(Job.Status.RUNNING))).containsExactly(running);
    assertThat(ids(JobFilter.all().state(Job.Status.VERIFYING))).containsExactly(verifying);
    assertThat(ids(JobFilter.all().kind(JobKind.INFER))).containsExactly(running);
    assertThat(ids(JobFilter.all().kind(JobKind.TRAIN))).containsExactly(verifying, open);
    assertThat(ids(JobFilter.all().spender(alice.publicKey())))
        .containsExactly(verifying, running, open);
    assertThat(ids(JobFilter.all().spender(bob.publicKey()))).isEmpty();
    assertThat(ids(JobFilter.all().worker(walt.publicKey()))).containsExactly(running);
    assertThat(ids(JobFilter.all().worker(wes.publicKey()))).containsExactly(verifying);
    PublicKey checker = log.state.job(verifying).orElseThrow().check().orElseThrow().account();
    PublicKey other = checker.equals(v1.publicKey()) ? v2.publicKey() : v1.publicKey();
    assertThat(ids(JobFilter.all().verifier(checker))).containsExactly(verifying);
    assertThat(ids(JobFilter.all().verifier(other))).isEmpty();
    assertThat(ids(JobFilter.all().kind(JobKind.TRAIN).state(Job.Status.OPEN)))
        .containsExactly(open);
  }

  @Test
  void aSettledJobIsStillListedWithItsWorker() {
    log.reproduce(verifying);
    assertThat(ids(JobFilter.all().state(Job.Status.SETTLED))).containsExactly(verifying);
    assertThat(ids(JobFilter.all().worker(wes.publicKey()))).containsExactly(verifying);
  }

  @Test
  void oneJobCarriesItsTrainingSource() {
    JobView v = JobQuery.one(log.state, open);
    assertThat(v.sourceIncluded()).isTrue();
    assertThat(v.source()).hasValueSatisfying(s -> assertThat(s).contains("job open"));
    assertThat(v.job().spender()).isEqualTo(alice.publicKey());
    // An inference job has no source to carry.
    assertThat(JobQuery.one(log.state, running).source()).isEmpty();
  }

  @Test
  void anUnknownJobIsRefused() {
    assertThatThrownBy(() -> JobQuery.one(log.state, 9999))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_JOB));
    // A result's id is not a job's.
    assertThatThrownBy(() -> JobQuery.one(log.state, model))
        .isInstanceOfSatisfying(
            Rejection.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_JOB));
  }
}
