package dev.swarmledger.node.query;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything the dashboard page draws, in one bounded answer: every list and series is capped (by
 * {@code maxPoints} or {@link DashboardQuery#LIST_LIMIT}) whatever the size of the log, and every
 * aggregate (histogram bins, credit totals) is computed in the node.
 *
 * @param anchors the newest on-chain anchors the log recorded ({@code anchor.record}), newest first
 */
public record DashboardView(
    long logSize,
    Instant lastTime,
    int maxPoints,
    List<TrackPanel> tracks,
    Pipeline pipeline,
    Histogram claimedMinusVerified,
    Histogram rerunMinusRerun,
    CreditSeries credits,
    JobPanel jobs,
    List<VerifierActivity> verifiers,
    List<WorkerActivity> workers,
    List<AnchorRow> anchors) {

  /**
   * A verified result on a chart.
   *
   * @param index the result's id (its submission's leaf index)
   * @param time when it was decided
   */
  public record Point(long index, Instant time, double valBpb, long result, String account) {}

  /**
   * One track: the history of its verified bests (the step line), its verified results (at most
   * {@code maxPoints}, the lowest of each stretch of ids when there are more) and its leaders.
   */
  public record TrackPanel(
      String track,
      long verified,
      List<Point> bests,
      List<Point> results,
      List<Leader> leaderboard) {}

  /** A leaderboard line, by account name. */
  public record Leader(
      int rank,
      String name,
      OptionalDouble bestValBpb,
      OptionalLong bestResult,
      long verified,
      long rejected,
      long pending,
      long minted) {}

  /**
   * Results on their way: counts per stage over the whole log, and the newest items in flight or
   * just decided.
   */
  public record Pipeline(
      long claimed,
      long running,
      long awaiting,
      long verified,
      long mismatch,
      List<InFlight> recent) {}

  /** A claim or result and the verifiers on it, each with its verdict or {@code leased}. */
  public record InFlight(
      String stage,
      long id,
      String track,
      String account,
      OptionalDouble claimedValBpb,
      OptionalDouble verifiedValBpb,
      List<VerifierMark> verifiers) {}

  public record VerifierMark(String name, String verdict) {}

  /**
   * Residuals in {@code counts.size()} equal bins over [{@code low}, {@code high}]; {@code total}
   * values in all.
   */
  public record Histogram(double low, double high, List<Long> counts, long total) {}

  /**
   * Credits over time (cumulative, micro-credits, at the end of each time bucket) and the exact
   * totals from the state.
   */
  public record CreditSeries(
      List<CreditPoint> points,
      long minted,
      long burned,
      long supply,
      long pending,
      long escrowed,
      long spent) {}

  public record CreditPoint(Instant time, long minted, long pending, long spent) {}

  /** Jobs by status and the newest ones not yet ended. */
  public record JobPanel(
      long open,
      long running,
      long verifying,
      long settled,
      long cancelled,
      long failed,
      List<JobRow> active) {}

  public record JobRow(
      long id,
      String kind,
      String status,
      String spender,
      String worker,
      String verifier,
      long maxMicro) {}

  public record VerifierActivity(
      String name,
      String hardwareClass,
      long reputation,
      long attestations,
      long agreeing,
      long leased) {}

  public record WorkerActivity(
      String name, String hardwareClass, long reputation, long completions, long running) {}

  /** An on-chain anchor of a checkpoint, as the log recorded it. */
  public record AnchorRow(
      long index,
      long treeSize,
      String root,
      long chainId,
      String contract,
      long blockNumber,
      String txHash) {}
}
