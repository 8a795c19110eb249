package dev.swarmledger.verifier;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.BlobOutbox;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.Outbox;
import dev.swarmledger.client.OutboxPublisher;
import dev.swarmledger.client.PollLoop;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.WorkItemView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.WorkReturn;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.sandbox.Containment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A verifier node: polls its assigned work, re-runs each result (and each completed job) with the
 * trainer in its sandbox, and signs an attestation of what it measured. Survives its own restart (a
 * leased job is picked up again: the assignment stays on the ledger until attested) and a node that
 * is down (signed attestations wait in an on-disk outbox and are published, exactly once, when it
 * is back).
 */
public final class VerifierDaemon {
  private final LedgerClient client;
  private final SigningKey key;
  private final ResultReRun reRun;
  private final JobReRun jobReRun;
  private final BlobOutbox blobs;
  private final Path stateDir;
  private final Outbox outbox;
  private final OutboxPublisher publisher;
  private final Consumer<String> log;
  private final LongFunction<ProgressListener> progress;
  private final java.util.Set<Long> challenged = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final java.util.Set<Long> refusedChecks =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile int challengePercent;
  private volatile boolean running = true;

  /**
   * @param stateDir keeps leases (jobs in progress) and the outbox of signed attestations
   * @param progress a listener for each job's training progress (e.g. a progress bar)
   */
  public VerifierDaemon(
      LedgerClient client,
      SigningKey key,
      Trainer trainer,
      Path stateDir,
      Consumer<String> log,
      LongFunction<ProgressListener> progress) {
    if (!trainer.settings().containment().isolates()) {
      // An attestation says the re-run was honest; a run that hostile code could have steered
      // from outside its sandbox cannot say that.
      throw new IllegalStateException(
          "a verifier refuses to run without containment: "
              + Containment.problem().orElse("the trainer was configured with none")
              + " (install bubblewrap; `swarm doctor` checks this host)");
    }
    this.client = client;
    this.key = key;
    this.reRun = new ResultReRun(client, trainer, Optional.of(stateDir.resolve("scratch")));
    this.jobReRun = new JobReRun(client, trainer, stateDir);
    this.blobs = new BlobOutbox(stateDir.resolve("blobs"), client, key);
    this.stateDir = stateDir;
    this.outbox = new Outbox(stateDir.resolve("outbox"));
    this.publisher = new OutboxPublisher(client, key, outbox);
    this.log = log;
    this.progress = progress;
  }

  /** Polls and verifies until {@link #stop()}, backing off while the node is unreachable. */
  public void run(Duration poll) {
    PollLoop.run("verifier", poll, () -> running, this::runOnce, log);
  }

  public void stop() {
    running = false;
  }

  /**
   * Also re-runs this share (0–100) of the results that sampling did not draw, of this verifier's
   * class, while their challenge window is open: sampling is only a deterrent if someone checks.
   * Which ones is drawn from the result's leaf hash and this verifier's key, so verifiers spread
   * over different results and nobody can steer the draw.
   */
  public VerifierDaemon challenging(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("challenge percent must be in 0..100");
    }
    this.challengePercent = percent;
    return this;
  }

  /**
   * Publishes waiting attestations (and uploads the weights and job outputs it reproduced), then
   * verifies every result and re-runs every completed job currently assigned to it.
   */
  public int runOnce() {
    flush();
    int attested = 0;
    for (WorkItemView job : client.work(key.publicKey())) {
      if (!running) {
        break;
      }
      long id = job.result();
      if (queued(id)) {
        continue;
      }
      verify(id);
      attested++;
      flush();
    }
    attested += checkJobs();
    if (challengePercent > 0 && running) {
      attested += challenge();
    }
    return attested;
  }

  private void flush() {
    for (OutboxPublisher.Published p : publisher.flush(log)) {
      if (p.refused().isPresent() && p.tx().body() instanceof JobAttest a) {
        // Refused for good (the check's deadline passed, say): not re-run again here.
        refusedChecks.add(a.job());
      }
    }
    blobs.flush(log);
  }

  /** Re-runs every completed job assigned to this verifier and signs what the comparison says. */
  private int checkJobs() {
    Optional<String> granted = client.account(key.publicKey()).flatMap(AccountView::verifierClass);
    if (granted.isEmpty()) {
      return 0;
    }
    int done = 0;
    JobFilter mine = JobFilter.all().state(Job.Status.VERIFYING).verifier(key.publicKey());
    for (JobView v : client.jobs(mine)) {
      long id = v.job().id();
      if (!running) {
        break;
      }
      if (queuedJob(id) || refusedChecks.contains(id)) {
        continue;
      }
      Job job = client.job(id).map(JobView::job).orElseThrow();
      log.accept(
          "verifier: re-running job #"
              + id
              + " ("
              + job.kind().wireName()
              + ") of worker "
              + job.completion().orElseThrow().worker().hex().substring(0, 12)
              + "…");
      JobReRun.Outcome outcome = jobReRun.check(job, granted.get(), progress.apply(id));
      JobAttest attest = outcome.attestation();
      log.accept(
          "verifier: job #"
              + id
              + " → "
              + attest.verdict().wireName()
              + attest.reason().map(r -> ": " + r).orElse(""));
      outbox.enqueue(TxCodec.sign(key, localNonce(), attest));
      // A reproduced output is the spender's too: this verifier may upload its copy once its
      // attestation is logged, in case the worker's never arrives.
      outcome.reproduced().ifPresent(r -> blobs.add(r.blob(), r.output().blob()));
      flush();
      done++;
    }
    return done;
  }

  private boolean queuedJob(long jobId) {
    return outbox.pending().stream()
        .anyMatch(e -> e.tx().body() instanceof JobAttest a && a.job() == jobId);
  }

  private int challenge() {
    Optional<String> granted = client.account(key.publicKey()).flatMap(AccountView::verifierClass);
    if (granted.isEmpty()) {
      return 0;
    }
    int done = 0;
    ResultFilter recent = ResultFilter.all().status(Result.Status.VERIFIED);
    for (ResultView r : client.results(recent)) {
      if (!running) {
        break;
      }
      if (r.sampled()
          || r.challengeUntil().isEmpty()
          || !r.run().hardwareClass().equals(granted.get())
          || r.account().equals(key.publicKey())
          || r.attestedBy(key.publicKey())
          || queued(r.id())
          || !drawn(r)
          || !challenged.add(r.id())) {
        continue;
      }
      log.accept("verifier: challenging unsampled result #" + r.id());
      ResultReRun.Outcome outcome = reRun.run(reRun.fetch(r.id()), progress.apply(r.id()));
      AttestationSubmit attestation = outcome.verdict();
      if (outcome.verifierProblem().isPresent()
          || !attestation.verdict().measured()
          || !attestation.hardwareClass().equals(granted.get())) {
        // A failed re-run proves nothing about the result: no challenge.
        outcome.weights().ifPresent(VerifierDaemon::deleteFile);
        continue;
      }
      log.accept("verifier: challenge of #" + r.id() + " → " + attestation.verdict().wireName());
      outbox.enqueue(TxCodec.sign(key, localNonce(), attestation));
      keepWeights(outcome);
      flush();
      done++;
    }
    return done;
  }

  private boolean drawn(ResultView r) {
    byte[] h =
        Hash.sha256(
                "swarmledger/challenge\n".getBytes(StandardCharsets.UTF_8),
                r.leafHash().bytes(),
                key.publicKey().bytes())
            .bytes();
    return (((h[0] & 0xff) << 8) | (h[1] & 0xff)) % 100 < challengePercent;
  }

  private void verify(long id) {
    Path lease = stateDir.resolve("lease-" + id);
    boolean resumed = Files.exists(lease);
    writeLease(lease);
    ResultView r = reRun.fetch(id);
    log.accept(
        String.format(
            "verifier: %s result #%d (%s, seed %d, %d steps, claimed val_bpb %.6f)",
            resumed ? "resuming" : "re-running",
            id,
            r.track(),
            r.seed(),
            r.steps(),
            r.run().valBpb()));
    ResultReRun.Outcome outcome = reRun.run(r, progress.apply(id));
    AttestationSubmit attestation = outcome.verdict();
    Optional<String> granted = client.account(key.publicKey()).flatMap(AccountView::verifierClass);
    Optional<String> handBack =
        outcome
            .verifierProblem()
            .or(
                () ->
                    granted
                        .filter(g -> !g.equals(attestation.hardwareClass()))
                        .map(
                            g ->
                                "this machine measures hardware class "
                                    + attestation.hardwareClass()
                                    + " but was granted "
                                    + g));
    if (handBack.isPresent()) {
      // Not the result's fault: let a verifier that can judge it take the job.
      log.accept("verifier: handing result #" + id + " back: " + handBack.get());
      outbox.enqueue(TxCodec.sign(key, localNonce(), new WorkReturn(id)));
      outcome.weights().ifPresent(VerifierDaemon::deleteFile);
      deleteFile(lease);
      return;
    }
    log.accept(
        String.format(
            "verifier: result #%d → %s (re-run val_bpb %.6f)%s",
            id,
            attestation.verdict().wireName(),
            attestation.valBpb(),
            attestation.reason().map(x -> ": " + x).orElse("")));
    Tx tx = TxCodec.sign(key, localNonce(), attestation);
    outbox.enqueue(tx);
    keepWeights(outcome);
    deleteFile(lease);
  }

  /**
   * A re-run that kept the very weights file the result published holds a copy of the model: it is
   * uploaded once the attestation is logged (the node then holds the model even if the
   * contributor's upload never came). Any other kept file is deleted.
   */
  private void keepWeights(ResultReRun.Outcome outcome) {
    if (outcome.weights().isEmpty()) {
      return;
    }
    Optional<Hash> mine = outcome.verdict().weightsSha256();
    if (mine.isPresent() && mine.equals(outcome.result().run().weightsSha256())) {
      blobs.add(outcome.weights().get(), mine.get());
    } else {
      deleteFile(outcome.weights().get());
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Best guess of the next nonce; the publisher re-signs if the node expects another. */
  private long localNonce() {
    try {
      return new AccountSession(client, key).nextNonce();
    } catch (ApiException e) {
      return outbox.pending().stream().mapToLong(en -> en.tx().nonce() + 1).max().orElse(0);
    }
  }

  private boolean queued(long resultId) {
    return outbox.pending().stream()
        .anyMatch(
            e ->
                (e.tx().body() instanceof AttestationSubmit a && a.result() == resultId)
                    || (e.tx().body() instanceof WorkReturn w && w.result() == resultId));
  }

  private static void writeLease(Path lease) {
    try {
      Files.createDirectories(lease.getParent());
      Files.writeString(lease, java.time.Instant.now() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
