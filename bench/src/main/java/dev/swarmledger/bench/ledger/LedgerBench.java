package dev.swarmledger.bench.ledger;

import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.Tx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ledger benchmark (bench/ledger/README.md): HTTP appends at 1, 8 and 64 clients against the
 * raw RocksDB synced-batch rate measured in the same run, then inclusion and consistency proof
 * latency at 10^6 leaves. Progress goes to stderr, the Markdown report to stdout.
 */
public final class LedgerBench {
  private LedgerBench() {}

  public static void main(String[] args) throws IOException {
    Options o = Options.parse(args);
    Files.createDirectories(o.work);
    Path work = Files.createTempDirectory(o.work, "run-");
    PrintStream out = System.out;
    SigningKey operator = SigningKey.fromSeed(new byte[32]);
    try {
      log("work directory %s (%s)", work, o.quick ? "quick" : "full");
      Serial serial = serialCosts();
      log(
          "serial per-tx costs: verify %.0f us, leaf encode %.0f us, leaf %d bytes",
          serial.verifyMicros, serial.encodeMicros, serial.leafBytes);

      AppendBench appends =
          new AppendBench(work.resolve("append"), o.warmup, o.measure, o.baseline, operator);
      double single = appends.singleLeafRate(serial.leafBytes, 1000);
      log("raw RocksDB, one leaf per synced batch: %.0f leaves/s", single);
      double ceiling = 1e6 / (serial.verifyMicros + serial.encodeMicros);
      int top = o.clients[o.clients.length - 1];
      log("JIT warm-up: %d clients for %d s, not reported ...", top, o.jitWarmup.toSeconds());
      appends.warmUp(top, Math.min(top * single, ceiling), o.jitWarmup);
      List<AppendBench.Result> results = new ArrayList<>();
      for (int c : o.clients) {
        log("appends with %d client(s) ...", c);
        AppendBench.Result r = appends.run(c, Math.min(c * single, ceiling));
        log(
            "  %d clients: %.0f tx/s, mean batch %.1f, raw %.0f leaves/s, ratio %.2f",
            c, r.httpRate(), r.meanBatch(), r.rawRate(), r.ratio());
        results.add(r);
      }
      log("control: LedgerNode.start with %d clients ...", top);
      AppendBench.Control control = appends.control(top, Math.min(top * single, ceiling));
      log("  %.0f tx/s", control.rate());
      log("in-process: Sequencer.submit with %d threads, no HTTP ...", top);
      AppendBench.Control direct = appends.inProcess(top, 2 * ceiling);
      log("  %.0f tx/s", direct.rate());
      deleteTree(work.resolve("append"));

      ProofBench.Result proofs = null;
      if (o.leaves > 0) {
        log("proofs: building a log of %,d leaves ...", o.leaves);
        proofs =
            new ProofBench(work.resolve("proofs"), operator, o.proofSamples, o.httpProofSamples)
                .run(o.leaves);
      }
      new Report(out).print(o, serial, single, results, List.of(control, direct), proofs);
    } finally {
      if (!o.keep) {
        deleteTree(work);
      }
    }
  }

  /** Single-thread cost of the sequencer's two largest per-transaction steps, for the analysis. */
  record Serial(double verifyMicros, double encodeMicros, int leafBytes) {}

  private static Serial serialCosts() {
    Tx[] txs = SignedTxs.registrations("probe", 3000, 3);
    Instant now = Instant.parse("2025-01-01T00:00:00.000Z");
    for (Tx tx : txs) {
      tx.signatureValid();
      LeafCodec.encode(new Leaf(1, now, tx));
    }
    long t0 = System.nanoTime();
    for (Tx tx : txs) {
      // The raw check: Tx.signatureValid() remembers its answer, so it would cost nothing here.
      if (!tx.account().verify(tx.signingBytes(), tx.signature())) {
        throw new IllegalStateException("bad signature in the probe");
      }
    }
    long t1 = System.nanoTime();
    int bytes = 0;
    for (int i = 0; i < txs.length; i++) {
      bytes = LeafCodec.encode(new Leaf(100_000 + i, now, txs[i])).length;
    }
    long t2 = System.nanoTime();
    return new Serial((t1 - t0) / 1e3 / txs.length, (t2 - t1) / 1e3 / txs.length, bytes);
  }

  static void log(String format, Object... args) {
    System.err.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log("could not delete %s: %s", root, e.getMessage());
    }
  }

  /** Command-line options; {@code --quick} shrinks every phase for a smoke run. */
  static final class Options {
    boolean quick;
    boolean keep;
    Path work = Path.of("bench/ledger/target/work");
    int[] clients = {1, 8, 64};
    long leaves = 1_000_000;
    Duration jitWarmup = Duration.ofSeconds(12);
    Duration warmup = Duration.ofSeconds(4);
    Duration measure = Duration.ofSeconds(15);
    Duration baseline = Duration.ofSeconds(4);
    int proofSamples = 20_000;
    int httpProofSamples = 5_000;
    String command = "";

    static Options parse(String[] args) {
      Options o = new Options();
      o.command = String.join(" ", args);
      for (String a : args) {
        if (a.equals("--quick")) {
          o.quick = true;
          o.leaves = 100_000;
          o.jitWarmup = Duration.ofSeconds(4);
          o.warmup = Duration.ofSeconds(2);
          o.measure = Duration.ofSeconds(5);
          o.baseline = Duration.ofSeconds(2);
          o.proofSamples = 5_000;
          o.httpProofSamples = 1_000;
        }
      }
      for (String a : args) {
        if (a.equals("--quick")) {
          continue;
        } else if (a.equals("--keep")) {
          o.keep = true;
        } else if (a.startsWith("--work=")) {
          o.work = Path.of(a.substring(7));
        } else if (a.startsWith("--clients=")) {
          o.clients =
              Arrays.stream(a.substring(10).split(","))
                  .mapToInt(Integer::parseInt)
                  .sorted()
                  .toArray();
        } else if (a.startsWith("--leaves=")) {
          o.leaves = Long.parseLong(a.substring(9));
        } else if (a.startsWith("--measure=")) {
          o.measure = Duration.ofSeconds(Long.parseLong(a.substring(10)));
        } else {
          throw new IllegalArgumentException(
              "unknown option "
                  + a
                  + "; use --quick, --keep, --work=DIR, --clients=1,8,64, --leaves=N, --measure=SECONDS");
        }
      }
      return o;
    }
  }

  static Map<String, Double> top(Map<String, Double> m, int n) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    m.entrySet().stream().limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
