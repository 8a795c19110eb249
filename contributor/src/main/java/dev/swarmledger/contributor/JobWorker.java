package dev.swarmledger.contributor;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.BlobOutbox;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.Outbox;
import dev.swarmledger.client.OutboxPublisher;
import dev.swarmledger.client.PollLoop;
import dev.swarmledger.client.PublishedModels;
import dev.swarmledger.protocol.api.AccountView;
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobLease;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.TxCodec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.jobs.JobRunner;
import dev.swarmledger.trainer.sandbox.Containment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The worker daemon: leases open jobs it can run and that pay at least its minimum price, runs them
 * with the trusted harness in the sandbox ({@link JobRunner}), completes them with their outputs'
 * hashes and uploads the outputs. It survives its own restart (a job it still holds is run again:
 * the lease is on the ledger; an output not yet uploaded waits on disk) and a node that is away
 * (signed completions wait in an on-disk outbox and are published exactly once).
 *
 * <p>It leases only jobs it can finish: a training job whose source compiles under the allowlist
 * and whose track the node lists, an inference job whose model is published. A job whose run fails
 * anyway is left to its lease's expiry, which offers it again (and ends it, refunded, after the
 * policy's attempts).
 */
public final class JobWorker {
  private final LedgerClient client;
  private final SigningKey key;
  private final Trainer trainer;
  private final Path stateDir;
  private final Outbox outbox;
  private final OutboxPublisher publisher;
  private final BlobOutbox blobs;
  private final PublishedModels models;
  private final Path held;
  private final Set<Long> failedHere = ConcurrentHashMap.newKeySet();
  private final long minPriceMicro;
  private final Consumer<String> log;
  private final LongFunction<ProgressListener> progress;
  private volatile boolean running = true;

  /**
   * @param minPriceMicro the lowest price (micro-credits per 10^15 FLOPs) this worker takes
   * @param stateDir keeps the outbox of signed completions, outputs waiting for upload and the
   *     cache of published models
   */
  public JobWorker(
      LedgerClient client,
      SigningKey key,
      Trainer trainer,
      long minPriceMicro,
      Path stateDir,
      Consumer<String> log,
      LongFunction<ProgressListener> progress) {
    if (!trainer.settings().containment().isolates()) {
      // The spender's source is untrusted code, and the completion says the harness counted.
      throw new IllegalStateException(
          "a worker refuses to run jobs without containment: "
              + Containment.problem().orElse("the trainer was configured with none")
              + " (install bubblewrap; `swarm doctor` checks this host)");
    }
    this.client = client;
    this.key = key;
    this.trainer = trainer;
    this.stateDir = stateDir;
    this.outbox = new Outbox(stateDir.resolve("outbox"));
    this.publisher = new OutboxPublisher(client, key, outbox);
    this.blobs = new BlobOutbox(stateDir.resolve("blobs"), client, key);
    this.models = new PublishedModels(client, stateDir.resolve("models"));
    this.held = stateDir.resolve("held");
    this.minPriceMicro = minPriceMicro;
    this.log = log;
    this.progress = progress;
  }

  /** Polls and works until {@link #stop()}, backing off while the node is unreachable. */
  public void run(Duration poll) {
    PollLoop.run("worker", poll, () -> running, this::runOnce, log);
  }

  public void stop() {
    running = false;
  }

  /**
   * Publishes waiting completions and uploads waiting outputs, finishes the jobs this worker still
   * holds (after a restart), then leases and runs one open job. Returns how many jobs it completed.
   */
  public int runOnce() {
    flush();
    Optional<String> granted = client.account(key.publicKey()).flatMap(AccountView::workerClass);
    if (granted.isEmpty()) {
      log.accept("worker: account " + key.publicKey().hex() + " holds no worker role yet");
      return 0;
    }
    int done = 0;
    for (JobView mine :
        client.jobs(JobFilter.all().state(Job.Status.RUNNING).worker(key.publicKey()))) {
      if (running && !queued(mine.job().id()) && !failedHere.contains(mine.job().id())) {
        log.accept("worker: resuming job #" + mine.job().id() + " (its lease is still ours)");
        done += work(mine.job().id(), granted.get());
      }
    }
    if (!running) {
      return done;
    }
    for (JobView open : offered()) {
      Job job = open.job();
      if (job.priceMicro() < minPriceMicro
          || job.spender().equals(key.publicKey())
          || failedHere.contains(job.id())) {
        continue;
      }
      Optional<String> unfit = unfit(job.id());
      if (unfit.isPresent()) {
        continue;
      }
      try {
        new AccountSession(client, key).submit(new JobLease(job.id()));
      } catch (ApiException e) {
        if (e.transientFailure()) {
          throw e;
        }
        continue; // Taken by another worker meanwhile, or not open to us.
      }
      log.accept(
          "worker: leased job #"
              + job.id()
              + " ("
              + job.kind().wireName()
              + ", "
              + job.priceMicro()
              + " µcredits per 10^15 FLOPs, up to "
              + job.maxMicro()
              + ")");
      return done + work(job.id(), granted.get());
    }
    return done;
  }

  /**
   * Jobs on offer: the open ones, then running ones whose lease ran out by this machine's clock.
   * The log frees a lapsed lease at the next leaf, or at once for the next {@code job.lease}:
   * trying one costs nothing when the node's clock disagrees (the lease is refused, nothing is
   * logged).
   */
  private List<JobView> offered() {
    List<JobView> out = new ArrayList<>(client.jobs(JobFilter.all().state(Job.Status.OPEN)));
    Instant now = Instant.now();
    for (JobView v : client.jobs(JobFilter.all().state(Job.Status.RUNNING))) {
      Job.Holder lease = v.job().lease().orElseThrow();
      if (!lease.account().equals(key.publicKey()) && lease.deadline().isBefore(now)) {
        out.add(v);
      }
    }
    return out;
  }

  /** Why this worker cannot run job {@code id}, or empty when it can. */
  private Optional<String> unfit(long id) {
    JobView full = client.job(id).orElse(null);
    if (full == null) {
      return Optional.of("gone");
    }
    try {
      if (full.job().spec() instanceof TrainSpec t) {
        if (client.track(t.track()).isEmpty()) {
          return Optional.of("unknown track " + t.track());
        }
        trainer.check(t.source());
      } else {
        models.fetch(((InferSpec) full.job().spec()).model());
      }
      return Optional.empty();
    } catch (TrainerException | IllegalStateException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Runs job {@code id}, completes it and uploads its output; 1 when it completed. */
  private int work(long id, String granted) {
    Job job = client.job(id).orElseThrow(() -> new IllegalStateException("no job " + id)).job();
    // A CPU class fixes the thread count: the verifier of the class will re-run with the same.
    JobRunner runner = new JobRunner(trainer, JobRunner.threadsFor(granted));
    JobRunner.Ran ran;
    try {
      Path scratch = stateDir.resolve("scratch");
      if (job.spec() instanceof TrainSpec t) {
        ran = runner.train(t, track(t.track()), progress.apply(id), scratch);
      } else {
        InferSpec spec = (InferSpec) job.spec();
        PublishedModels.Fetched m = models.fetch(spec.model());
        JobRunner.Model model =
            new JobRunner.Model(
                m.result().track(),
                m.result().source().orElseThrow(),
                m.result().seed(),
                m.weights(),
                m.result().run().finalParamHash().hex());
        ran = runner.infer(spec, model, track(m.result().track()), scratch);
      }
    } catch (TrainerException | IllegalStateException e) {
      log.accept(
          "worker: job #" + id + " failed here (" + e.getMessage() + "); its lease will expire");
      failedHere.add(id);
      return 0;
    }
    if (!ran.hardwareClass().equals(granted)) {
      log.accept(
          "worker: this machine measured "
              + ran.hardwareClass()
              + " but was granted "
              + granted
              + "; job #"
              + id
              + " is left to expire");
      failedHere.add(id);
      deleteQuietly(ran.blob());
      return 0;
    }
    hold(id, ran);
    JobComplete complete = new JobComplete(id, ran.hardwareClass(), ran.output());
    outbox.enqueue(TxCodec.sign(key, localNonce(), complete));
    log.accept(
        "worker: job #"
            + id
            + " done: "
            + ran.output().flops()
            + " FLOPs, output "
            + ran.output().blob().hex().substring(0, 16)
            + "…");
    flush();
    return 1;
  }

  private void flush() {
    for (OutboxPublisher.Published p : publisher.flush(log)) {
      if (p.refused().isPresent() && p.tx().body() instanceof JobComplete c) {
        // Refused for good (the lease ran out, say): never worked on again here.
        failedHere.add(c.job());
      }
    }
    releaseHeld();
    blobs.flush(log);
  }

  /**
   * Keeps a completed job's output on this disk until the job settles: an output uploaded at once
   * would be readable by the spender before anyone paid for it (a completion nobody can check may
   * be cancelled with the whole escrow back). The verifier that reproduces it uploads its own copy.
   */
  private void hold(long job, JobRunner.Ran ran) {
    try {
      Files.createDirectories(held);
      Files.move(
          ran.blob(),
          held.resolve(job + "-" + ran.output().blob().hex() + ".bin"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the output of job " + job, e);
    }
  }

  /** Held outputs of settled jobs go to the blob outbox; those of jobs that ended otherwise go. */
  private void releaseHeld() {
    if (!Files.isDirectory(held)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(held)) {
      files =
          list.filter(f -> f.getFileName().toString().matches("\\d+-[0-9a-f]{64}\\.bin")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + held, e);
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      long job = Long.parseLong(name.substring(0, name.indexOf('-')));
      Hash blob = Hash.fromHex(name.substring(name.indexOf('-') + 1, name.length() - 4));
      Optional<Job> j = client.job(job).map(JobView::job);
      boolean ours =
          j.flatMap(Job::settlement)
              .flatMap(Job.Settlement::worker)
              .map(key.publicKey()::equals)
              .orElse(false);
      if (j.isPresent() && j.get().status() == Job.Status.SETTLED && ours) {
        blobs.add(f, blob);
      } else if (j.isEmpty() || (j.get().status().ended() && !ours) || failedHere.contains(job)) {
        deleteQuietly(f);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TrackSpec track(String id) {
    return client
        .track(id)
        .map(TrackView::spec)
        .orElseThrow(() -> new IllegalStateException("the node lists no track " + id));
  }

  private boolean queued(long jobId) {
    return outbox.pending().stream()
        .anyMatch(e -> e.tx().body() instanceof JobComplete c && c.job() == jobId);
  }

  /** Best guess of the next nonce; the publisher re-signs if the node expects another. */
  private long localNonce() {
    try {
      return new AccountSession(client, key).nextNonce();
    } catch (ApiException e) {
      return outbox.pending().stream().mapToLong(en -> en.tx().nonce() + 1).max().orElse(0);
    }
  }
}
