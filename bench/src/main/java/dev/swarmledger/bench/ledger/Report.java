package dev.swarmledger.bench.ledger;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints the results as the Markdown that goes into docs/benchmarks.md. */
final class Report {
  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void print(
      LedgerBench.Options o,
      LedgerBench.Serial serial,
      double singleLeafRate,
      List<AppendBench.Result> appends,
      List<AppendBench.Control> controls,
      ProofBench.Result proofs) {
    out.printf(
        "Run: `%s` (%s); untimed JIT warm-up %d s, then per concurrency warm-up %d s and measurement %d s.%n%n",
        o.command.isEmpty() ? "(no options)" : o.command,
        o.quick ? "quick" : "full",
        o.jitWarmup.toSeconds(),
        o.warmup.toSeconds(),
        o.measure.toSeconds());

    out.println("#### Appends through HTTP vs raw RocksDB synced batches");
    out.println();
    out.println(
        "| clients | HTTP appends/s | submit p50 / p99 ms | batch mean (median, max) | raw synced-batch rate, same leaf bytes and batch (two measurements) | **ratio** | replay of the node's own batches | fsync ms in the node (mean) | sequencer time in synced write |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (AppendBench.Result r : appends) {
      out.printf(
          "| %d | %,.0f | %.2f / %.2f | %.1f (%d, %d) | %,.0f (%,.0f, %,.0f; batch %d × %.0f B) | **%.2f** | %,.0f | %.2f | %.0f%% |%n",
          r.clients(),
          r.httpRate(),
          r.submitLatency().p50Micros() / 1e3,
          r.submitLatency().p99Micros() / 1e3,
          r.meanBatch(),
          r.medianBatch(),
          r.maxBatch(),
          r.rawRate(),
          r.rawFirst(),
          r.rawSecond(),
          r.rawBatch(),
          r.meanLeafBytes(),
          r.ratio(),
          r.replayRate(),
          r.meanSyncMillis(),
          100 * r.sequencerSyncShare());
    }
    out.println();
    AppendBench.Result last = appends.get(appends.size() - 1);
    out.printf(
        "- Raw RocksDB, one %d-byte leaf per synced batch: **%,.0f leaves/s**; group commit at %d clients buys %.1f× over that on the raw engine, and the node reaches %.1f× of it.%n",
        serial.leafBytes(),
        singleLeafRate,
        last.clients(),
        last.rawRate() / singleLeafRate,
        last.httpRate() / singleLeafRate);
    for (AppendBench.Control c : controls) {
      out.printf(
          "- %s, %d clients: %,.0f appends/s over %.1f s (bench process %.0f%%, other processes %.0f%% of the cores).%n",
          c.how(),
          c.clients(),
          c.rate(),
          c.seconds(),
          100 * c.cpu().get(ThreadCpu.PROCESS),
          100 * c.cpu().get(ThreadCpu.MACHINE));
    }
    long errors = appends.stream().mapToLong(AppendBench.Result::errors).sum();
    out.printf("- Failed submits during measurement: %d.%n", errors);
    out.printf(
        "- Single-thread cost per transaction measured in the same run: Ed25519 verify (`Tx.signatureValid`) %.0f µs, `LeafCodec.encode` %.0f µs: the sequencer does both serially for every transaction, so at these costs it could not pass ≈ %,.0f tx/s whatever the disk (the costs swing with the load the rest of the machine puts on the cores).%n",
        serial.verifyMicros(),
        serial.encodeMicros(),
        1e6 / (serial.verifyMicros() + serial.encodeMicros()));
    out.println();

    out.println(
        "CPU use during measurement, share of all cores (all cores = 100%); \"other processes\" is the rest of the machine, GC time is a share of wall time:");
    out.println();
    StringBuilder head = new StringBuilder("| clients |");
    StringBuilder rule = new StringBuilder("|---:|");
    for (String g : last.cpu().keySet()) {
      head.append(' ').append(g).append(" |");
      rule.append("---:|");
    }
    out.println(head);
    out.println(rule);
    for (AppendBench.Result r : appends) {
      StringBuilder row = new StringBuilder("| " + r.clients() + " |");
      for (Map.Entry<String, Double> e : r.cpu().entrySet()) {
        row.append(String.format(" %.0f%% |", 100 * e.getValue()));
      }
      out.println(row);
    }
    out.println();
    out.println("Where the sequencer thread spends its time (stack samples every 20 ms):");
    out.println();
    for (AppendBench.Result r : appends) {
      StringBuilder line = new StringBuilder("- " + r.clients() + " clients: ");
      boolean first = true;
      for (Map.Entry<String, Double> e : LedgerBench.top(r.sequencerProfile(), 7).entrySet()) {
        line.append(first ? "" : "; ")
            .append(String.format("%s %.0f%%", e.getKey(), 100 * e.getValue()));
        first = false;
      }
      out.println(line);
    }
    out.println();

    if (proofs != null) {
      out.printf("#### Proof latency at %,d leaves%n%n", proofs.size());
      out.printf(
          "Log built through `LogStore.append` in %.0f s (%,d bytes on disk); `LedgerLog.open` of it (node start: replays and re-verifies every leaf) took **%.0f s**.%n%n",
          proofs.buildSeconds(), proofs.diskBytes(), proofs.openSeconds());
      out.println(
          "| proof | path | samples | p50 ms | p99 ms | max ms | storage reads per proof (mean, max) | path length | GC time | other processes' CPU |");
      out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (ProofBench.Figures f : proofs.figures()) {
        out.printf(
            "| %s | %s | %,d | %.3f | %.3f | %.3f | %.1f, %s | %d | %.1f%% | %.0f%% |%n",
            f.kind(),
            f.path(),
            f.latency().count(),
            f.latency().p50Micros() / 1e3,
            f.latency().p99Micros() / 1e3,
            f.latency().maxMicros() / 1e3,
            f.readsMean(),
            f.readsMax() < 0 ? "–" : Long.toString(f.readsMax()),
            f.pathMean(),
            100 * f.cpu().get(ThreadCpu.GC),
            100 * f.cpu().get(ThreadCpu.MACHINE));
      }
      out.println();
      ProofBench.Restarts r = proofs.restarts();
      out.printf("#### Node restart from a state snapshot at %,d leaves%n%n", proofs.size());
      out.println("| start | time |");
      out.println("|---|---:|");
      out.printf(
          "| full replay (`LedgerLog.open` with no snapshot: before) | %.2f s |%n",
          proofs.openSeconds());
      out.printf(
          "| snapshot at %,d leaves, no tail (after) | **%.2f s** |%n",
          r.restoredFrom(), r.atEndSeconds());
      out.printf(
          "| snapshot at %,d leaves + %,d leaves replayed (after) | **%.2f s** |%n",
          r.restoredFrom(), r.tail(), r.withTailSeconds());
      out.println();
      out.printf(
          "Snapshot written (state copied under the read lock, encoded, read back, state roots compared, signed, fsync'd, renamed) in %.1f s; %,d bytes.%n%n",
          r.snapshotWriteSeconds(), r.snapshotBytes());
    }

    out.println("#### Goals");
    out.println();
    out.printf(
        "- At %d clients, at least half of the raw synced-batch rate: ratio %.2f → **%s**.%n",
        last.clients(), last.ratio(), last.ratio() >= 0.5 ? "met" : "missed");
    if (proofs != null) {
      double worst =
          proofs.figures().stream().mapToDouble(f -> f.latency().p99Micros()).max().orElse(0) / 1e3;
      out.printf(
          "- Proof p99 under 5 ms at %,d leaves: worst p99 %.3f ms → **%s**%s.%n",
          proofs.size(),
          worst,
          worst < 5 ? "met" : "missed",
          proofs.size() < 1_000_000 ? " (quick run: fewer leaves than the goal's 10^6)" : "");
      double restart =
          Math.max(proofs.restarts().atEndSeconds(), proofs.restarts().withTailSeconds());
      out.printf(
          "- Restart under 5 s at %,d leaves (from a snapshot, up to %,d leaves of tail): %.2f s → **%s**%s.%n",
          proofs.size(),
          proofs.restarts().tail(),
          restart,
          restart < 5 ? "met" : "missed",
          proofs.size() < 1_000_000 ? " (quick run: fewer leaves than the goal's 10^6)" : "");
    }
  }
}
