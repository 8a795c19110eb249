package dev.swarmledger.node.query;

import dev.swarmledger.node.query.DashboardView.AnchorRow;
import dev.swarmledger.node.query.DashboardView.CreditPoint;
import dev.swarmledger.node.query.DashboardView.CreditSeries;
import dev.swarmledger.node.query.DashboardView.Histogram;
import dev.swarmledger.node.query.DashboardView.InFlight;
import dev.swarmledger.node.query.DashboardView.JobPanel;
import dev.swarmledger.node.query.DashboardView.JobRow;
import dev.swarmledger.node.query.DashboardView.Leader;
import dev.swarmledger.node.query.DashboardView.Pipeline;
import dev.swarmledger.node.query.DashboardView.Point;
import dev.swarmledger.node.query.DashboardView.TrackPanel;
import dev.swarmledger.node.query.DashboardView.VerifierActivity;
import dev.swarmledger.node.query.DashboardView.VerifierMark;
import dev.swarmledger.node.query.DashboardView.WorkerActivity;
import dev.swarmledger.protocol.anchors.Anchor;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.api.LeaderboardRow;
import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.results.Attestation;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.state.Account;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * The dashboard's one answer, aggregated in the node in a single pass over results, claims and jobs
 * so the page stays fast at 10^5 results: series downsampled to at most {@code maxPoints} points,
 * histograms as bins, lists capped at {@link #LIST_LIMIT}.
 */
public final class DashboardQuery {
  public static final int DEFAULT_POINTS = 400;
  public static final int MAX_POINTS = 2000;
  public static final int LIST_LIMIT = 20;
  static final int BINS = 21;

  private DashboardQuery() {}

  public static DashboardView of(LedgerState s, int maxPoints) {
    if (maxPoints < 2 || maxPoints > MAX_POINTS) {
      throw new IllegalArgumentException("points must be in [2, " + MAX_POINTS + "]");
    }
    Map<String, List<Point>> verifiedByTrack = new HashMap<>();
    Map<String, List<Point>> bestsByTrack = new HashMap<>();
    Map<PublicKey, long[]> verifierTally = new HashMap<>(); // attestations, agreeing, leased
    List<Double> claimedMinusVerified = new ArrayList<>();
    List<Double> rerunMinusRerun = new ArrayList<>();
    List<CreditEvent> creditEvents = new ArrayList<>();
    Set<Long> claimsWithResult = new HashSet<>();
    Map<PublicKey, String> nameCache =
        new HashMap<>(); // a point per result: look each name up once
    Function<PublicKey, String> names = k -> nameCache.computeIfAbsent(k, x -> name(s, x));
    Deque<InFlight> recent = new ArrayDeque<>();
    long running = 0;
    long awaiting = 0;
    long verified = 0;
    long mismatch = 0;
    long window = s.hasGenesis() ? s.policy().challengeWindowSeconds() : 0;

    for (Result r : s.results().values()) {
      r.submission().claim().ifPresent(claimsWithResult::add);
      for (Attestation a : r.attestations()) {
        long[] t = verifierTally.computeIfAbsent(a.verifier(), k -> new long[3]);
        t[0]++;
        t[1] += a.verdict().agrees() ? 1 : 0;
      }
      rerunResiduals(r, rerunMinusRerun);
      switch (r.status()) {
        case PENDING -> {
          r.waitingFor().forEach(v -> verifierTally.computeIfAbsent(v, k -> new long[3])[2]++);
          if (r.attestations().isEmpty()) {
            running++;
          } else {
            awaiting++;
          }
        }
        case VERIFIED -> {
          verified++;
          if (r.verifiedValBpb().isPresent()) {
            double v = r.verifiedValBpb().getAsDouble();
            claimedMinusVerified.add(r.claimedValBpb() - v);
            Point p = point(r, v, names);
            verifiedByTrack.computeIfAbsent(r.track(), k -> new ArrayList<>()).add(p);
            if (r.becameBest()) {
              bestsByTrack.computeIfAbsent(r.track(), k -> new ArrayList<>()).add(p);
            }
          }
        }
        case REJECTED -> mismatch++;
        default -> throw new IllegalStateException(r.status().toString());
      }
      credits(s, r, window, creditEvents);
    }
    // Only the newest results are listed: build their rows alone.
    for (Result r : s.results().descendingMap().values()) {
      if (recent.size() == LIST_LIMIT) {
        break;
      }
      recent.addLast(inFlight(s, r, stage(r)));
    }

    long claimed = 0;
    List<InFlight> claims = new ArrayList<>();
    for (Claim c : s.claimsNewestFirst()) {
      if (c.activeAt(s.lastTime()) && !claimsWithResult.contains(c.id())) {
        claimed++;
        if (claims.size() < LIST_LIMIT / 4) {
          claims.add(
              new InFlight(
                  "claimed",
                  c.id(),
                  c.track(),
                  name(s, c.account()),
                  OptionalDouble.empty(),
                  OptionalDouble.empty(),
                  List.of()));
        }
      }
    }
    List<InFlight> items = new ArrayList<>(claims);
    items.addAll(recent);

    List<TrackPanel> tracks = new ArrayList<>();
    for (TrackSpec t : s.tracks()) {
      List<Point> points = verifiedByTrack.getOrDefault(t.id(), List.of());
      List<Point> bests = bestsByTrack.getOrDefault(t.id(), List.of());
      tracks.add(
          new TrackPanel(
              t.id(),
              points.size(),
              bests.subList(Math.max(0, bests.size() - maxPoints), bests.size()),
              downsample(points, maxPoints),
              leaders(s, t.id())));
    }

    return new DashboardView(
        s.size(),
        s.lastTime(),
        maxPoints,
        tracks,
        new Pipeline(claimed, running, awaiting, verified, mismatch, items),
        histogram(claimedMinusVerified),
        histogram(rerunMinusRerun),
        creditSeries(s, creditEvents, maxPoints),
        jobs(s),
        verifiers(s, verifierTally),
        workers(s),
        anchors(s));
  }

  private static String stage(Result r) {
    return switch (r.status()) {
      case PENDING -> r.attestations().isEmpty() ? "running" : "awaiting";
      case VERIFIED -> "verified";
      case REJECTED -> "mismatch";
    };
  }

  private static Point point(Result r, double valBpb, Function<PublicKey, String> names) {
    return new Point(
        r.id(), r.decided().orElse(r.submitted()), valBpb, r.id(), names.apply(r.account()));
  }

  /** The account's registered name; a short id for one the state does not know. */
  static String name(LedgerState s, PublicKey id) {
    return s.account(id).map(Account::name).orElse(id.hex().substring(0, 12));
  }

  /**
   * At most {@code max} points: the points cut into {@code max} equal runs in id order, keeping the
   * lowest val_bpb of each (the ones a reader looks for).
   */
  static List<Point> downsample(List<Point> points, int max) {
    if (points.size() <= max) {
      return List.copyOf(points);
    }
    List<Point> out = new ArrayList<>(max);
    for (int b = 0; b < max; b++) {
      int from = (int) ((long) b * points.size() / max);
      int to = (int) ((long) (b + 1) * points.size() / max);
      Point low = points.get(from);
      for (int i = from + 1; i < to; i++) {
        if (points.get(i).valBpb() < low.valBpb()) {
          low = points.get(i);
        }
      }
      out.add(low);
    }
    return out;
  }

  /**
   * Re-run minus re-run: within one hardware class, replay is bit-exact, so the measured values of
   * two verifiers of the same class should differ by exactly zero.
   */
  private static void rerunResiduals(Result r, List<Double> out) {
    if (r.attestations().size() < 2) {
      return;
    }
    Map<String, Double> firstByClass = new HashMap<>();
    for (Attestation a : r.attestations()) {
      if (!a.verdict().agrees() && a.verdict() != Verdict.MISMATCH) {
        continue; // failed or over budget: no comparable measurement
      }
      Double first = firstByClass.putIfAbsent(a.hardwareClass(), a.valBpb());
      if (first != null) {
        out.add(a.valBpb() - first);
      }
    }
  }

  static Histogram histogram(List<Double> values) {
    double span = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        span = Math.max(span, Math.abs(v));
      }
    }
    if (span == 0) {
      span = 1e-6; // all zero (or none): one visible centre bin
    }
    long[] counts = new long[BINS];
    for (double v : values) {
      if (Double.isFinite(v)) {
        int bin = (int) Math.floor((v + span) / (2 * span) * BINS);
        counts[Math.min(BINS - 1, Math.max(0, bin))]++;
      }
    }
    List<Long> list = new ArrayList<>(BINS);
    for (long c : counts) {
      list.add(c);
    }
    return new Histogram(-span, span, list, values.size());
  }

  private record CreditEvent(Instant time, long minted, long pending, long spent) {}

  /**
   * The credits a decided result minted, at its decision: to its contributor (pending through the
   * challenge window when sampling skipped it) and to each verifier that sided with the outcome.
   */
  private static void credits(LedgerState s, Result r, long window, List<CreditEvent> out) {
    if (r.decided().isEmpty()) {
      return;
    }
    Instant at = r.decided().get();
    long minted = r.mintedMicro();
    long cap =
        Math.min(
            r.submission().run().flops(),
            s.track(r.track()).map(TrackSpec::budgetFlops).orElse(Long.MAX_VALUE));
    boolean verifiedOutcome = r.status() == Result.Status.VERIFIED;
    for (Attestation a : r.attestations()) {
      if (a.verdict().agrees() == verifiedOutcome) {
        minted += Credits.forFlops(Math.min(a.flops(), cap));
      }
    }
    out.add(new CreditEvent(at, minted, 0, 0));
    if (!r.sampled() && r.mintedMicro() > 0) {
      out.add(new CreditEvent(at, 0, r.mintedMicro(), 0));
      if (r.challengeUntil().isEmpty()) {
        out.add(new CreditEvent(at.plusSeconds(window), 0, -r.mintedMicro(), 0));
      }
    }
  }

  private static CreditSeries creditSeries(LedgerState s, List<CreditEvent> events, int max) {
    long spent = 0;
    long escrowed = 0;
    for (Job j : s.jobs().values()) {
      if (j.settlement().isPresent()) {
        Job.Settlement st = j.settlement().get();
        long paid = st.paidMicro() + st.feeMicro();
        spent += paid;
        events.add(new CreditEvent(st.at(), 0, 0, paid));
      } else if (!j.status().ended()) {
        escrowed += j.maxMicro();
      }
    }
    long pending = 0;
    for (Account a : s.accounts()) {
      pending += a.pending();
    }
    events.sort(Comparator.comparing(CreditEvent::time));
    List<CreditPoint> points = new ArrayList<>();
    if (!events.isEmpty()) {
      Instant first = events.get(0).time();
      Instant last = events.get(events.size() - 1).time();
      long spanMillis = Math.max(1, last.toEpochMilli() - first.toEpochMilli());
      long minted = 0;
      long pend = 0;
      long paid = 0;
      int i = 0;
      for (int b = 1; b <= max && i < events.size(); b++) {
        long end = first.toEpochMilli() + spanMillis * b / max;
        boolean moved = false;
        while (i < events.size() && events.get(i).time().toEpochMilli() <= end) {
          CreditEvent e = events.get(i++);
          minted += e.minted();
          pend += e.pending();
          paid += e.spent();
          moved = true;
        }
        if (moved) {
          points.add(new CreditPoint(Instant.ofEpochMilli(end), minted, pend, paid));
        }
      }
    }
    return new CreditSeries(points, s.minted(), s.burned(), s.supply(), pending, escrowed, spent);
  }

  private static List<Leader> leaders(LedgerState s, String track) {
    List<Leader> out = new ArrayList<>();
    for (LeaderboardRow row : LeaderboardQuery.of(s, track).rows()) {
      if (out.size() == LIST_LIMIT / 2) {
        break;
      }
      out.add(
          new Leader(
              row.rank(),
              row.name().orElse(row.account().hex().substring(0, 12)),
              row.bestValBpb(),
              row.bestResult(),
              row.verified(),
              row.rejected(),
              row.pending(),
              row.mintedForResults()));
    }
    return out;
  }

  private static InFlight inFlight(LedgerState s, Result r, String stage) {
    List<VerifierMark> marks = new ArrayList<>();
    for (PublicKey v : r.assigned()) {
      String verdict =
          r.attestations().stream()
              .filter(a -> a.verifier().equals(v))
              .map(a -> a.verdict().name().toLowerCase(Locale.ROOT))
              .findFirst()
              .orElse("leased");
      marks.add(new VerifierMark(name(s, v), verdict));
    }
    return new InFlight(
        stage,
        r.id(),
        r.track(),
        name(s, r.account()),
        OptionalDouble.of(r.claimedValBpb()),
        r.verifiedValBpb(),
        marks);
  }

  private static JobPanel jobs(LedgerState s) {
    long[] byStatus = new long[Job.Status.values().length];
    Deque<JobRow> newest = new ArrayDeque<>();
    for (Job j : s.jobs().values()) {
      byStatus[j.status().ordinal()]++;
      if (!j.status().ended()) {
        newest.addFirst(
            new JobRow(
                j.id(),
                j.kind().name().toLowerCase(Locale.ROOT),
                j.status().wireName(),
                name(s, j.spender()),
                j.lease()
                    .map(h -> name(s, h.account()))
                    .or(() -> j.completion().map(c -> name(s, c.worker())))
                    .orElse(""),
                j.check().map(h -> name(s, h.account())).orElse(""),
                j.maxMicro()));
        if (newest.size() > LIST_LIMIT) {
          newest.removeLast();
        }
      }
    }
    return new JobPanel(
        byStatus[Job.Status.OPEN.ordinal()],
        byStatus[Job.Status.RUNNING.ordinal()],
        byStatus[Job.Status.VERIFYING.ordinal()],
        byStatus[Job.Status.SETTLED.ordinal()],
        byStatus[Job.Status.CANCELLED.ordinal()],
        byStatus[Job.Status.FAILED.ordinal()],
        List.copyOf(newest));
  }

  private static List<VerifierActivity> verifiers(LedgerState s, Map<PublicKey, long[]> tally) {
    List<VerifierActivity> out = new ArrayList<>();
    for (Account a : s.accounts()) {
      if (a.isVerifier() || tally.containsKey(a.id())) {
        long[] t = tally.getOrDefault(a.id(), new long[3]);
        out.add(
            new VerifierActivity(
                a.name(), a.verifierClass().orElse("revoked"), a.reputation(), t[0], t[1], t[2]));
      }
    }
    out.sort(Comparator.comparingLong(VerifierActivity::attestations).reversed());
    return out.subList(0, Math.min(LIST_LIMIT, out.size()));
  }

  private static List<WorkerActivity> workers(LedgerState s) {
    Map<PublicKey, long[]> tally = new HashMap<>(); // completions, running
    for (Job j : s.jobs().values()) {
      j.completion().ifPresent(c -> tally.computeIfAbsent(c.worker(), k -> new long[2])[0]++);
      j.lease().ifPresent(h -> tally.computeIfAbsent(h.account(), k -> new long[2])[1]++);
    }
    List<WorkerActivity> out = new ArrayList<>();
    for (Account a : s.accounts()) {
      if (a.isWorker() || tally.containsKey(a.id())) {
        long[] t = tally.getOrDefault(a.id(), new long[2]);
        out.add(
            new WorkerActivity(
                a.name(), a.workerClass().orElse("revoked"), a.reputation(), t[0], t[1]));
      }
    }
    out.sort(Comparator.comparingLong(WorkerActivity::completions).reversed());
    return out.subList(0, Math.min(LIST_LIMIT, out.size()));
  }

  private static List<AnchorRow> anchors(LedgerState s) {
    Deque<AnchorRow> newest = new ArrayDeque<>();
    for (Anchor a : s.anchors()) {
      AnchorRecord r = a.record();
      newest.addFirst(
          new AnchorRow(
              a.id(),
              r.size(),
              r.root().hex(),
              r.chainId(),
              r.contract(),
              r.blockNumber(),
              r.txHash()));
      if (newest.size() > LIST_LIMIT) {
        newest.removeLast();
      }
    }
    return List.copyOf(newest);
  }
}
