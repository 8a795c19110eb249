package dev.swarmledger.node.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.node.http.DashboardJson;
import dev.swarmledger.node.query.DashboardView.Histogram;
import dev.swarmledger.node.query.DashboardView.Point;
import dev.swarmledger.node.query.DashboardView.TrackPanel;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DashboardQueryTest {
  private static final int CENTRE = DashboardQuery.BINS / 2;

  private static TrackPanel track(DashboardView v) {
    return v.tracks().stream().filter(t -> t.track().equals(QueryLog.TRACK)).findFirst().get();
  }

  @Test
  void showsEveryStageWithItsVerifiersByName() {
    QueryLog log = new QueryLog();
    log.verifier(10, "vera");
    log.verifier(11, "victor");
    SigningKey alice = log.register(1, "alice");
    SigningKey bob = log.register(2, "bob");
    SigningKey walt = log.worker(20, "walt");
    long first = log.submit(alice, "a1", 1.5);
    log.attestAll(first, Verdict.EXACT);
    long bad = log.submit(bob, "b1", 1.2);
    log.attestAll(bad, Verdict.MISMATCH);
    long second = log.submit(alice, "a2", 1.4);
    log.attestAll(second, Verdict.EXACT);
    long waiting = log.submit(bob, "b2", 1.45);
    log.claim(bob, "a wider embedding with a shorter schedule");
    long job = log.trainJob(alice, "job", 1_000_000_000L, 5);
    log.lease(walt, job);
    long anchor = log.state.size();
    Hash root = Hash.sha256("root".getBytes(StandardCharsets.UTF_8));
    log.apply(
        log.operator,
        new AnchorRecord(31337, "0x" + "ab".repeat(20), "0x" + "cd".repeat(32), 7, anchor, root));

    DashboardView v = DashboardQuery.of(log.state, 100);

    var p = v.pipeline();
    assertThat(List.of(p.claimed(), p.running(), p.awaiting(), p.verified(), p.mismatch()))
        .containsExactly(1L, 1L, 0L, 2L, 1L);
    assertThat(p.recent())
        .extracting(DashboardView.InFlight::stage)
        .containsExactly("claimed", "running", "verified", "mismatch", "verified");
    assertThat(p.recent().get(1).id()).isEqualTo(waiting);
    assertThat(p.recent().get(1).verifiers())
        .singleElement()
        .satisfies(m -> assertThat(m.verdict()).isEqualTo("leased"));
    assertThat(p.recent().get(2).account()).isEqualTo("alice");
    assertThat(p.recent().get(2).verifiers())
        .extracting(DashboardView.VerifierMark::name, DashboardView.VerifierMark::verdict)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("vera", "exact"),
            org.assertj.core.groups.Tuple.tuple("victor", "exact"));

    TrackPanel t = track(v);
    assertThat(t.verified()).isEqualTo(2);
    assertThat(t.results()).extracting(Point::result).containsExactly(first, second);
    assertThat(t.bests()).extracting(Point::valBpb).containsExactly(1.5, 1.4);
    assertThat(t.leaderboard()).extracting(DashboardView.Leader::name).startsWith("alice");

    // Claimed equals verified here, and same-class re-runs agree bit for bit: all in the centre.
    assertThat(v.claimedMinusVerified().total()).isEqualTo(2);
    assertThat(v.claimedMinusVerified().counts().get(CENTRE)).isEqualTo(2);
    assertThat(v.rerunMinusRerun().total()).isEqualTo(3);
    assertThat(v.rerunMinusRerun().counts().get(CENTRE)).isEqualTo(3);

    var c = v.credits();
    assertThat(c.minted()).isEqualTo(log.state.minted()).isPositive();
    assertThat(c.points()).isNotEmpty();
    assertThat(c.points().get(c.points().size() - 1).minted()).isEqualTo(log.state.minted());
    assertThat(c.escrowed()).isEqualTo(5);
    assertThat(c.spent()).isZero();

    assertThat(v.jobs().running()).isEqualTo(1);
    assertThat(v.jobs().active())
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.id()).isEqualTo(job);
              assertThat(j.spender()).isEqualTo("alice");
              assertThat(j.worker()).isEqualTo("walt");
            });
    assertThat(v.verifiers())
        .extracting(DashboardView.VerifierActivity::name)
        .containsExactlyInAnyOrder("vera", "victor");
    assertThat(v.verifiers().stream().mapToLong(DashboardView.VerifierActivity::attestations).sum())
        .isEqualTo(6);
    assertThat(v.workers()).extracting(DashboardView.WorkerActivity::name).containsExactly("walt");
    assertThat(v.anchors())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.index()).isEqualTo(anchor);
              assertThat(a.treeSize()).isEqualTo(anchor);
              assertThat(a.root()).isEqualTo(root.hex());
              assertThat(a.chainId()).isEqualTo(31337);
            });
  }

  @Test
  void histogramBinsAreSymmetricAroundZeroAndCountEverything() {
    Histogram h = DashboardQuery.histogram(List.of(-0.02, 0.0, 0.0, 0.02, 0.0001));

    assertThat(h.low()).isEqualTo(-0.02);
    assertThat(h.high()).isEqualTo(0.02);
    assertThat(h.total()).isEqualTo(5);
    assertThat(h.counts()).hasSize(DashboardQuery.BINS);
    assertThat(h.counts().get(0)).isEqualTo(1);
    assertThat(h.counts().get(DashboardQuery.BINS - 1)).isEqualTo(1);
    assertThat(h.counts().get(CENTRE)).isEqualTo(3);
  }

  @Test
  void downsamplingKeepsTheLowestOfEachRun() {
    Instant t = Instant.EPOCH;
    List<Point> points =
        IntStream.range(0, 10)
            .mapToObj(i -> new Point(i, t, i == 3 ? 0.5 : 2.0 + i, i, "a"))
            .toList();

    List<Point> kept = DashboardQuery.downsample(points, 2);

    assertThat(kept).extracting(Point::index).containsExactly(3L, 5L);
    assertThat(DashboardQuery.downsample(points, 10)).isEqualTo(points);
  }

  @Test
  void refusesAPointCountOutOfBounds() {
    QueryLog log = new QueryLog();
    assertThatThrownBy(() -> DashboardQuery.of(log.state, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DashboardQuery.of(log.state, DashboardQuery.MAX_POINTS + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * 10^4 results through the state machine: the answer's series, lists and bytes stay bounded by
   * the point count, not the log. bench/dashboard builds 10^5 and measures the time.
   */
  @Test
  void staysBoundedWhenResultsOutnumberThePoints() {
    QueryLog log = new QueryLog();
    DashboardBuilder.fill(log, 10_000);
    int points = 100;

    DashboardView v = DashboardQuery.of(log.state, points);

    assertThat(log.state.results()).hasSize(10_000);
    TrackPanel t = track(v);
    assertThat(t.verified()).isGreaterThan(10 * points);
    assertThat(t.results()).hasSize(points);
    assertThat(t.bests().size()).isLessThanOrEqualTo(points);
    assertThat(v.credits().points().size()).isLessThanOrEqualTo(points);
    assertThat(v.credits().points().get(v.credits().points().size() - 1).minted())
        .isEqualTo(log.state.minted());
    assertThat(v.pipeline().recent().size()).isLessThanOrEqualTo(DashboardQuery.LIST_LIMIT * 2);
    assertThat(v.verifiers().size()).isLessThanOrEqualTo(DashboardQuery.LIST_LIMIT);
    var p = v.pipeline();
    assertThat(p.running() + p.awaiting() + p.verified() + p.mismatch()).isEqualTo(10_000);
    assertThat(p.mismatch()).isEqualTo(2_000);
    byte[] json = StrictJson.canonical(DashboardJson.encode(v));
    assertThat(json.length).isLessThan(100_000);
  }
}
