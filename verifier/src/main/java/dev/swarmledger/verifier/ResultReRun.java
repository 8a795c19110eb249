package dev.swarmledger.verifier;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.TrainedModel;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.harness.BackendUnavailableException;
import dev.swarmledger.trainer.harness.HardwareClass;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.track.LedgerTracks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one re-run of a published result: fetch its source, seed and steps, train them with the
 * trusted harness, and judge the claim by the protocol's verdict rule. The verifier daemon signs
 * what it finds; {@code swarm audit result} shows it to anyone who wants to check for themselves.
 */
public final class ResultReRun {
  private final LedgerClient client;
  private final Trainer trainer;
  private final Optional<Path> keepWeightsIn;

  /** A re-run that keeps no weights (an auditor's). */
  public ResultReRun(LedgerClient client, Trainer trainer) {
    this(client, trainer, Optional.empty());
  }

  /**
   * @param keepWeightsIn where a re-run of a result that published weights keeps its own final
   *     parameter file, to report its hash (and upload it when it is the same file)
   */
  public ResultReRun(LedgerClient client, Trainer trainer, Optional<Path> keepWeightsIn) {
    this.client = client;
    this.trainer = trainer;
    this.keepWeightsIn = keepWeightsIn;
  }

  /**
   * What a re-run found.
   *
   * @param mine the re-run's own record, empty when it could not produce a valid run
   * @param verifierProblem why this machine could not judge the result at all (no data or data that
   *     fails its hashes, no track, no backend): the job should go to another verifier rather than
   *     count against the result
   * @param weights this re-run's own final parameter file, when it kept one (its SHA-256 is the
   *     attestation's {@code weights_sha256}); the caller owns it
   */
  public record Outcome(
      ResultView result,
      Optional<RunRecord> mine,
      AttestationSubmit verdict,
      Optional<String> verifierProblem,
      Optional<Path> weights) {}

  /** The published result {@code id}, as the node serves it (with its source). */
  public ResultView fetch(long id) {
    return client
        .result(id)
        .orElseThrow(() -> new IllegalArgumentException("the node has no result " + id));
  }

  /** Re-runs {@code r} and judges it; a run the harness refuses or voids is a {@code failed}. */
  public Outcome run(ResultView r, ProgressListener progress) {
    RunSummary claimed = r.run();
    TrackSpec track =
        client
            .track(r.track())
            .map(t -> t.spec())
            .orElseThrow(() -> new IllegalStateException("node does not list track " + r.track()));
    String source =
        r.source()
            .orElseThrow(() -> new IllegalStateException("result " + r.id() + " has no source"));
    try {
      // The track as the ledger defines it: a track this build does not know is run all the same.
      Trainer forTrack = LedgerTracks.covering(trainer, track);
      RunSpec spec =
          new RunSpec(r.track(), source, r.seed(), Budget.steps(r.steps()), claimed.threads());
      if (claimed.weightsSha256().isPresent() && keepWeightsIn.isPresent()) {
        // The result publishes a model: keep this re-run's weights too, so the attestation says
        // whether the very same file came out (only then is the model published).
        Files.createDirectories(keepWeightsIn.get());
        Path file = Files.createTempFile(keepWeightsIn.get(), "weights-", ".bin");
        Files.delete(file);
        TrainedModel kept = forTrack.runKeepingParameters(spec, progress, file);
        AttestationSubmit a =
            ReRun.attest(r.id(), claimed, kept.record(), track.tolerance(), track.budgetFlops());
        return new Outcome(
            r,
            Optional.of(kept.record()),
            ReRun.withWeights(a, Hash.fromHex(kept.parametersSha256())),
            Optional.empty(),
            Optional.of(file));
      }
      RunRecord mine = forTrack.run(spec, progress);
      return new Outcome(
          r,
          Optional.of(mine),
          ReRun.attest(r.id(), claimed, mine, track.tolerance(), track.budgetFlops()),
          Optional.empty(),
          Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the re-run's weights", e);
    } catch (TrainerException e) {
      Optional<String> problem =
          switch (e.reason()) {
            case UNKNOWN_TRACK, DATA_UNAVAILABLE, DATA_MISMATCH, BACKEND_UNAVAILABLE ->
                Optional.of(e.getMessage());
            default -> Optional.empty();
          };
      return new Outcome(
          r,
          Optional.empty(),
          ReRun.failed(r.id(), e, localClass(claimed.threads())),
          problem,
          Optional.empty());
    }
  }

  /** This machine's class at {@code threads} threads, for a re-run that failed before recording. */
  private static String localClass(int threads) {
    try {
      return HardwareClass.local(threads);
    } catch (BackendUnavailableException e) {
      return "cpu-unavailable";
    }
  }
}
