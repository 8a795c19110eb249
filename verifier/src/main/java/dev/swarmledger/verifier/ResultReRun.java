package dev.swarmledger.verifier;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.harness.BackendUnavailableException;
import dev.swarmledger.trainer.harness.HardwareClass;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunSpec;
import dev.swarmledger.trainer.track.LedgerTracks;
import java.util.Optional;

/**
 * The one re-run of a published result: fetch its source, seed and steps, train them with the
 * trusted harness, and judge the claim by the protocol's verdict rule. The verifier daemon signs
 * what it finds; {@code swarm audit result} shows it to anyone who wants to check for themselves.
 */
public final class ResultReRun {
  private final LedgerClient client;
  private final Trainer trainer;

  public ResultReRun(LedgerClient client, Trainer trainer) {
    this.client = client;
    this.trainer = trainer;
  }

  /**
   * What a re-run found.
   *
   * @param mine the re-run's own record, empty when it could not produce a valid run
   * @param verifierProblem why this machine could not judge the result at all (no data or data that
   *     fails its hashes, no track, no backend): the job should go to another verifier rather than
   *     count against the result
   */
  public record Outcome(
      ResultView result,
      Optional<RunRecord> mine,
      AttestationSubmit verdict,
      Optional<String> verifierProblem) {}

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
      RunRecord mine =
          forTrack.run(
              new RunSpec(r.track(), source, r.seed(), Budget.steps(r.steps()), claimed.threads()),
              progress);
      return new Outcome(
          r,
          Optional.of(mine),
          ReRun.attest(r.id(), claimed, mine, track.tolerance(), track.budgetFlops()),
          Optional.empty());
    } catch (TrainerException e) {
      Optional<String> problem =
          switch (e.reason()) {
            case UNKNOWN_TRACK, DATA_UNAVAILABLE, DATA_MISMATCH, BACKEND_UNAVAILABLE ->
                Optional.of(e.getMessage());
            default -> Optional.empty();
          };
      return new Outcome(
          r, Optional.empty(), ReRun.failed(r.id(), e, localClass(claimed.threads())), problem);
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
