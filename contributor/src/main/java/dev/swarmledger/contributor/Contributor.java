package dev.swarmledger.contributor;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.ApiException;
import dev.swarmledger.client.BlobOutbox;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.Outbox;
import dev.swarmledger.client.OutboxPublisher;
import dev.swarmledger.protocol.api.BestView;
import dev.swarmledger.protocol.api.ResultFilter;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.TrainedModel;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.track.LedgerTracks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The agent-side loop: THINK (read the best), CLAIM (so nobody duplicates the run), RUN (train with
 * the trainer), PUBLISH (sign the result; queue it on disk if the node is away) and, optionally,
 * wait for the verdict. The node is never a dependency: without it the work goes on solo and is
 * published, in order, when it comes back.
 */
public final class Contributor {
  /** How a cycle ended. */
  public enum Status {
    VERIFIED,
    REJECTED,
    PENDING,
    QUEUED_OFFLINE,
    CLAIM_REFUSED,
    RUN_FAILED
  }

  /** A cycle's outcome: the run (if any), the result id once published, and the verdict. */
  public record Outcome(
      Status status,
      Optional<RunRecord> run,
      OptionalLong result,
      Optional<ResultView> detail,
      String message) {}

  /**
   * What to run in one cycle.
   *
   * @param threads intra-op threads of the run; recorded, and what every verifier replays with
   * @param parent the result this source builds on (recorded in the claim and the result)
   */
  public record Cycle(
      String track,
      String source,
      String description,
      long seed,
      Budget budget,
      Duration waitForVerdict,
      int threads,
      OptionalLong parent) {

    /** A cycle building on no named result. */
    public Cycle(
        String track,
        String source,
        String description,
        long seed,
        Budget budget,
        Duration waitForVerdict,
        int threads) {
      this(track, source, description, seed, budget, waitForVerdict, threads, OptionalLong.empty());
    }

    /** A cycle using every available processor. */
    public Cycle(
        String track,
        String source,
        String description,
        long seed,
        Budget budget,
        Duration waitForVerdict) {
      this(
          track,
          source,
          description,
          seed,
          budget,
          waitForVerdict,
          Runtime.getRuntime().availableProcessors());
    }
  }

  private final LedgerClient client;
  private final SigningKey key;
  private final Trainer trainer;
  private final Outbox outbox;
  private final OutboxPublisher publisher;
  private final BlobOutbox blobs;
  private final Path scratch;
  private final Consumer<String> log;

  public Contributor(
      LedgerClient client, SigningKey key, Trainer trainer, Path stateDir, Consumer<String> log) {
    this.client = client;
    this.key = key;
    this.trainer = trainer;
    this.outbox = new Outbox(stateDir.resolve("outbox"));
    this.publisher = new OutboxPublisher(client, key, outbox);
    this.blobs = new BlobOutbox(stateDir.resolve("blobs"), client, key);
    this.scratch = stateDir.resolve("scratch");
    this.log = log;
  }

  /** Results signed while the node was away and not yet published. */
  public int queued() {
    return outbox.pending().size();
  }

  /**
   * Publishes whatever is queued, then uploads the weights of published results; returns how many
   * transactions were settled.
   */
  public int flush() {
    int settled = publisher.flush(log).size();
    blobs.flush(log);
    return settled;
  }

  public Outcome cycle(Cycle c, ProgressListener progress) {
    String sha = Hash.sha256(c.source().getBytes(StandardCharsets.UTF_8)).hex();
    AccountSession session = new AccountSession(client, key);
    boolean online = true;
    // THINK
    try {
      flush();
      Optional<BestView> best = client.best(c.track());
      if (best.isPresent()) {
        log.accept(
            String.format(
                "think: best on %s is %.6f (result #%d)",
                c.track(), best.get().valBpb(), best.get().result()));
      } else {
        log.accept("think: no verified best on " + c.track() + " yet");
      }
    } catch (ApiException e) {
      if (e.transientFailure()) {
        online = false;
        log.accept("think: node unreachable; working solo, results will queue on disk");
      } else {
        log.accept("think: cannot read the best of " + c.track() + ": " + e);
      }
    }
    // CLAIM
    OptionalLong claim = OptionalLong.empty();
    if (online) {
      try {
        LedgerClient.Submitted s =
            session.submit(
                new ClaimCreate(c.track(), c.description(), c.parent(), Hash.fromHex(sha)));
        claim = OptionalLong.of(s.index());
        log.accept("claim: #" + s.index() + " \"" + c.description() + "\"");
      } catch (ApiException e) {
        if (e.transientFailure()) {
          online = false;
          log.accept("claim: node unreachable; running unclaimed");
        } else {
          log.accept("claim refused: " + e.wireCode() + ": " + e.getMessage());
          return new Outcome(
              Status.CLAIM_REFUSED,
              Optional.empty(),
              OptionalLong.empty(),
              Optional.empty(),
              e.getMessage());
        }
      }
    }
    // RUN
    RunRecord record;
    TrainedModel model;
    try {
      // The track as the ledger defines it, when the node is reachable; offline, the built-in one.
      Trainer forTrack = trainer;
      Optional<TrackSpec> spec = Optional.empty();
      if (online) {
        try {
          spec = client.track(c.track()).map(TrackView::spec);
        } catch (ApiException e) {
          log.accept("think: node unreachable; training on the built-in track " + c.track());
        }
      }
      if (spec.isPresent()) {
        forTrack = LedgerTracks.covering(trainer, spec.get());
      }
      // The final weights are kept: published with the result, they become a model anyone can
      // run inference jobs on once verifiers reproduce the same file.
      Files.createDirectories(scratch);
      Path weights = Files.createTempFile(scratch, "weights-", ".bin");
      Files.delete(weights);
      model =
          forTrack.runKeepingParameters(
              new RunSpec(c.track(), c.source(), c.seed(), c.budget(), c.threads()),
              progress,
              weights);
      record = model.record();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the run's weights under " + scratch, e);
    } catch (TrainerException e) {
      log.accept("run failed: " + e.getMessage());
      return new Outcome(
          Status.RUN_FAILED,
          Optional.empty(),
          OptionalLong.empty(),
          Optional.empty(),
          e.getMessage());
    }
    log.accept(
        String.format(
            "run: val_bpb %.6f after %d steps (%.1f s)",
            record.valBpb(), record.steps(), record.trainingSeconds()));
    // PUBLISH
    Hash weights = Hash.fromHex(model.parametersSha256());
    ResultSubmit body = Publication.of(record, c.source(), claim, c.parent(), Optional.of(weights));
    blobs.add(model.parameters(), weights);
    long nonce;
    try {
      nonce = session.nextNonce();
    } catch (ApiException e) {
      nonce = outbox.pending().stream().mapToLong(en -> en.tx().nonce() + 1).max().orElse(0);
    }
    Tx tx = TxCodec.sign(key, nonce, body);
    outbox.enqueue(tx);
    List<OutboxPublisher.Published> settled = publisher.flush(log);
    blobs.flush(log);
    OptionalLong resultId = findResult(sha, c.track(), settled);
    if (resultId.isEmpty()) {
      log.accept("publish: node unreachable; result queued (" + queued() + " waiting)");
      return new Outcome(
          Status.QUEUED_OFFLINE,
          Optional.of(record),
          OptionalLong.empty(),
          Optional.empty(),
          "queued");
    }
    log.accept("publish: result #" + resultId.getAsLong());
    return waitForVerdict(record, resultId.getAsLong(), c.waitForVerdict());
  }

  /**
   * Polls the result until it is decided or {@code wait} passes. The result is already published: a
   * node that is away meanwhile only delays the verdict (it is then reported as pending).
   */
  public Outcome waitForVerdict(RunRecord record, long id, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    Optional<ResultView> r = readResult(id);
    while ((r.isEmpty() || r.get().pending()) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      r = readResult(id);
    }
    if (r.isEmpty()) {
      String msg = "result #" + id + " published; the node is unreachable, verdict unknown";
      log.accept("outcome: " + msg);
      return new Outcome(
          Status.PENDING, Optional.ofNullable(record), OptionalLong.of(id), Optional.empty(), msg);
    }
    String status = r.get().status().wireName();
    Status s =
        switch (r.get().status()) {
          case VERIFIED -> Status.VERIFIED;
          case REJECTED -> Status.REJECTED;
          case PENDING -> Status.PENDING;
        };
    String msg =
        "result #"
            + id
            + " "
            + status
            + (s == Status.VERIFIED ? ", minted " + r.get().minted() + " µcredits" : "")
            + (r.get().becameBest() ? ", new best" : "");
    log.accept("outcome: " + msg);
    return new Outcome(s, Optional.ofNullable(record), OptionalLong.of(id), r, msg);
  }

  /** The result as the node serves it, or empty while the node is unreachable. */
  private Optional<ResultView> readResult(long id) {
    try {
      return client.result(id);
    } catch (ApiException e) {
      if (!e.transientFailure()) {
        throw e;
      }
      log.accept("wait: node unreachable while waiting for the verdict on result #" + id);
      return Optional.empty();
    }
  }

  private OptionalLong findResult(
      String sha, String track, List<OutboxPublisher.Published> settled) {
    for (OutboxPublisher.Published p : settled) {
      if (p.tx().body() instanceof ResultSubmit r && r.sourceSha256().hex().equals(sha)) {
        if (p.submitted().isPresent()) {
          return OptionalLong.of(p.submitted().get().index());
        }
        if (p.refused().isPresent()) {
          return OptionalLong.empty();
        }
      }
    }
    try {
      for (ResultView v :
          client.results(ResultFilter.all().account(key.publicKey()).track(track))) {
        if (v.sourceSha256().hex().equals(sha)) {
          return OptionalLong.of(v.id());
        }
      }
    } catch (ApiException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
