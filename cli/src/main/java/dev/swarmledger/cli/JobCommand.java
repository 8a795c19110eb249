package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.api.JobFilter;
import dev.swarmledger.protocol.api.JobJson;
import dev.swarmledger.protocol.api.JobView;
import dev.swarmledger.protocol.api.ResultView;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.jobs.InferSpec;
import dev.swarmledger.protocol.jobs.Job;
import dev.swarmledger.protocol.jobs.JobCancel;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobKind;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobSpec;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.state.Credits;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm job}: spend credits on swarm training and inference. */
@Command(
    name = "job",
    description = "Spend credits: create, follow, list and cancel swarm jobs.",
    subcommands = {
      JobCommand.Create.class,
      JobCommand.Show.class,
      JobCommand.ListJobs.class,
      JobCommand.Cancel.class
    })
final class JobCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: swarm job create|show|list|cancel ...");
  }

  /** Decimal credits (up to 6 decimals) in micro-credits. */
  static long micro(BigDecimal credits, String option) {
    try {
      long m = credits.movePointRight(6).longValueExact();
      if (m < 1) {
        throw new IllegalArgumentException(option + " must be positive");
      }
      return m;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(option + " has more than 6 decimals or is too large");
    }
  }

  /** {@code swarm job create}. */
  @Command(
      name = "create",
      description =
          "Escrow credits for a training job (--train or --from-result) or an inference job"
              + " (--infer RESULT with --prompt or --score).")
  static final class Create implements Callable<Integer> {
    @Mixin NodeOptions node;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
      @Option(names = "--train", description = "Experiment source to train.")
      Path train;

      @Option(
          names = "--from-result",
          description = "Train the source of this verified result (its track unless --track).")
      Long fromResult;

      @Option(names = "--infer", description = "Run inference on the model of this result.")
      Long infer;
    }

    @Option(names = "--track", description = "Track to train on (training jobs).")
    String track;

    @Option(
        names = "--budget-flops",
        description = "Training FLOP budget the harness enforces (training jobs), e.g. 2e12.")
    BigDecimal budgetFlops;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--prompt", description = "Generate after this prompt (inference jobs).")
    String prompt;

    @Option(
        names = "--bytes",
        defaultValue = "256",
        description = "Bytes to generate (default ${DEFAULT-VALUE}).")
    int bytes;

    @Option(names = "--score", description = "Score this file's bytes (inference jobs).")
    Path score;

    @Option(
        names = "--price",
        defaultValue = "1",
        description =
            "Credits per 10^15 counted FLOPs paid to the worker (default ${DEFAULT-VALUE}).")
    BigDecimal price;

    @Option(
        names = "--max-credits",
        required = true,
        description = "Credits escrowed now: the most the job can cost, verifier's fee included.")
    BigDecimal maxCredits;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      JobSpec spec = what.infer != null ? inferSpec() : trainSpec();
      long priceMicro = micro(price, "--price");
      long maxMicro = micro(maxCredits, "--max-credits");
      LedgerClient.Submitted s = node.session().submit(new JobCreate(spec, priceMicro, maxMicro));
      if (json) {
        ObjectNode o = Json.object();
        o.put("job", s.index());
        o.put("leaf_hash", s.leafHash().hex());
        o.put("kind", spec.kind().wireName());
        o.put("escrowed", maxMicro);
        Json.print(o);
      } else {
        System.out.println(
            "job #"
                + s.index()
                + " created ("
                + spec.kind().wireName()
                + "): "
                + Credits.format(maxMicro)
                + " credits escrowed; follow it with `swarm job show "
                + s.index()
                + " --wait`");
      }
      return 0;
    }

    private JobSpec inferSpec() throws IOException {
      if ((prompt == null) == (score == null)) {
        throw new IllegalArgumentException("an inference job takes --prompt TEXT or --score FILE");
      }
      if (prompt != null) {
        return new InferSpec(
            what.infer, InferSpec.Mode.GENERATE, prompt.getBytes(StandardCharsets.UTF_8), bytes);
      }
      return new InferSpec(what.infer, InferSpec.Mode.SCORE, Files.readAllBytes(score), 0);
    }

    private JobSpec trainSpec() throws IOException {
      if (budgetFlops == null) {
        throw new IllegalArgumentException("a training job needs --budget-flops");
      }
      long budget;
      try {
        budget = budgetFlops.longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("--budget-flops must be a whole number of FLOPs");
      }
      String source;
      String onTrack = track;
      OptionalLong from = OptionalLong.empty();
      if (what.fromResult != null) {
        ResultView r =
            node.client()
                .result(what.fromResult)
                .orElseThrow(() -> new IllegalArgumentException("no result " + what.fromResult));
        source = r.source().orElseThrow();
        onTrack = onTrack != null ? onTrack : r.track();
        from = OptionalLong.of(r.id());
      } else {
        source = Files.readString(what.train, StandardCharsets.UTF_8);
      }
      if (onTrack == null) {
        throw new IllegalArgumentException("a training job needs --track");
      }
      Hash sha = Hash.sha256(source.getBytes(StandardCharsets.UTF_8));
      return new TrainSpec(onTrack, source, sha, from, seed, budget);
    }
  }

  /** {@code swarm job show}. */
  @Command(
      name = "show",
      description =
          "Show a job; --wait until it ends, --out DIR downloads its output (generated text is"
              + " printed).")
  static final class Show implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Parameters(index = "0", description = "Job id.")
    long id;

    @Option(names = "--wait", description = "Wait until the job is settled, cancelled or failed.")
    boolean await;

    @Option(
        names = "--timeout-seconds",
        defaultValue = "3600",
        description = "Give up waiting after this long (default ${DEFAULT-VALUE}).")
    long timeout;

    @Option(names = "--out", description = "Download the job's output into this folder.")
    Path out;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      LedgerClient client = node.client();
      JobView v = fetch(client);
      Instant deadline = Instant.now().plusSeconds(timeout);
      while (await && !v.job().status().ended() && Instant.now().isBefore(deadline)) {
        sleep(Duration.ofSeconds(1));
        v = fetch(client);
      }
      Job job = v.job();
      Optional<Path> output = download(client, job);
      if (json) {
        ObjectNode o = JobJson.encode(v);
        output.ifPresent(p -> o.put("output_file", p.toString()));
        generated(job, output).ifPresent(text -> o.put("generated", text));
        scored(job, output).ifPresent(bpb -> o.put("bits_per_byte", bpb));
        Json.print(o);
      } else {
        print(job, output);
      }
      return await && !job.status().ended()
          ? ExitCodes.TIMED_OUT
          : job.status() == Job.Status.FAILED ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private JobView fetch(LedgerClient client) {
      return client.job(id).orElseThrow(() -> new ExitCodes.Missing("no job " + id));
    }

    /** The output, downloaded into --out, or into a temp folder to print generated text. */
    private Optional<Path> download(LedgerClient client, Job job) throws IOException {
      if (job.completion().isEmpty() || job.status() != Job.Status.SETTLED) {
        return Optional.empty();
      }
      boolean generate = job.spec() instanceof InferSpec i && i.mode() == InferSpec.Mode.GENERATE;
      if (out == null && !generate) {
        return Optional.empty();
      }
      JobOutput o = job.completion().get().output();
      Path dir = out != null ? out : Files.createTempDirectory("swarm-job-");
      String name =
          (job.kind() == JobKind.TRAIN ? "weights-" : "output-") + o.blob().hex() + ".bin";
      Path file = dir.resolve(name);
      if (!client.getBlob(o.blob(), file)) {
        System.err.println("the node does not hold the output " + o.blob().hex() + " yet");
        return Optional.empty();
      }
      return Optional.of(file);
    }

    private void print(Job job, Optional<Path> output) throws IOException {
      System.out.printf(
          "job #%d  %s  %s%n  spender   %s%n  price     %s credits per 10^15 FLOPs, escrow %s%n",
          job.id(),
          job.kind().wireName(),
          job.status().wireName(),
          job.spender().hex(),
          Credits.format(job.priceMicro()),
          Credits.format(job.maxMicro()));
      if (job.spec() instanceof TrainSpec t) {
        System.out.printf(
            "  train     %s on %s, seed %d, budget %d FLOPs%s%n",
            t.sourceSha256().hex().substring(0, 16) + "…",
            t.track(),
            t.seed(),
            t.budgetFlops(),
            t.fromResult().isPresent()
                ? " (source of result #" + t.fromResult().getAsLong() + ")"
                : "");
      } else {
        InferSpec i = (InferSpec) job.spec();
        System.out.printf(
            "  infer     %s on the model of result #%d (%d input bytes%s)%n",
            i.mode().wireName(),
            i.model(),
            i.input().length,
            i.mode() == InferSpec.Mode.GENERATE ? ", " + i.bytes() + " to generate" : "");
      }
      job.lease()
          .ifPresent(
              l ->
                  System.out.printf(
                      "  lease     worker %s until %s%n",
                      l.account().hex(), LeafCodec.formatTime(l.deadline())));
      job.completion()
          .ifPresent(
              c ->
                  System.out.printf(
                      "  completed by %s on %s: %d FLOPs, output %s (%s)%n",
                      c.worker().hex(),
                      c.hardwareClass(),
                      c.output().flops(),
                      c.output().blob().hex(),
                      c.sampled() ? "re-run by a verifier" : "not drawn for a re-run"));
      job.check()
          .ifPresent(
              c ->
                  System.out.printf(
                      "  check     verifier %s until %s%n",
                      c.account().hex(), LeafCodec.formatTime(c.deadline())));
      for (Job.Event e : job.history()) {
        System.out.printf(
            "  history   leaf %d: %s (%s)%n", e.index(), e.kind().wireName(), e.account().hex());
      }
      job.settlement()
          .ifPresent(
              s ->
                  System.out.printf(
                      "  settled   worker paid %s, verifier fee %s, refunded %s credits%n",
                      Credits.format(s.paidMicro()),
                      Credits.format(s.feeMicro()),
                      Credits.format(s.refundMicro())));
      output.ifPresent(p -> System.out.println("  output    " + p));
      generated(job, output).ifPresent(text -> System.out.println("generated:\n" + text));
      scored(job, output)
          .ifPresent(bpb -> System.out.printf("  score     %.6f bits per byte%n", bpb));
    }
  }

  /** The generated text of a generation job's downloaded output (invalid UTF-8 replaced). */
  static Optional<String> generated(Job job, Optional<Path> output) {
    if (output.isEmpty()
        || !(job.spec() instanceof InferSpec i)
        || i.mode() != InferSpec.Mode.GENERATE) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Files.readAllBytes(output.get()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bits per byte of a scoring job's downloaded log-probabilities. */
  static Optional<Double> scored(Job job, Optional<Path> output) {
    if (output.isEmpty()
        || !(job.spec() instanceof InferSpec i)
        || i.mode() != InferSpec.Mode.SCORE) {
      return Optional.empty();
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(output.get()));
      int n = b.remaining() / 8;
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += b.getDouble();
      }
      return n == 0 ? Optional.empty() : Optional.of(-sum / (Math.log(2) * n));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code swarm job list}. */
  @Command(name = "list", description = "List jobs, newest first.")
  static final class ListJobs implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Option(
        names = "--state",
        description = "open, running, verifying, settled, cancelled or failed.")
    String state;

    @Option(names = "--kind", description = "train or infer.")
    String kind;

    @Option(names = "--mine", description = "Only jobs of the --key's account (as spender).")
    boolean mine;

    @Option(names = "--worker", description = "Only jobs this account ran.")
    String worker;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
      JobFilter f = JobFilter.all().limit(limit);
      if (state != null) {
        f =
            f.state(
                Arrays.stream(Job.Status.values())
                    .filter(s -> s.wireName().equals(state))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown --state " + state)));
      }
      if (kind != null) {
        f =
            f.kind(
                JobKind.fromWire(kind)
                    .orElseThrow(() -> new IllegalArgumentException("unknown --kind " + kind)));
      }
      if (mine) {
        if (node.key == null) {
          throw new IllegalArgumentException("--mine needs --key FILE");
        }
        f = f.spender(KeyFiles.read(node.key).publicKey());
      }
      if (worker != null) {
        f = f.worker(dev.swarmledger.protocol.tx.TxCodec.accountId(worker, "--worker"));
      }
      List<JobView> jobs = node.client().jobs(f);
      if (json) {
        ObjectNode o = Json.object();
        o.set("jobs", Json.array(jobs, JobJson::encode));
        Json.print(o);
        return 0;
      }
      System.out.printf(
          "%-7s %-6s %-10s %-14s %-14s %s%n", "job", "kind", "state", "escrow", "paid", "spender");
      for (JobView v : jobs) {
        Job j = v.job();
        System.out.printf(
            "%-7s %-6s %-10s %-14s %-14s %s%n",
            "#" + j.id(),
            j.kind().wireName(),
            j.status().wireName(),
            Credits.format(j.maxMicro()),
            j.settlement().map(s -> Credits.format(s.paidMicro())).orElse("-"),
            j.spender().hex().substring(0, 16) + "…");
      }
      return 0;
    }
  }

  /** {@code swarm job cancel}. */
  @Command(name = "cancel", description = "Cancel an open job: its whole escrow comes back.")
  static final class Cancel implements Callable<Integer> {
    @Mixin NodeOptions node;

    @Parameters(index = "0", description = "Job id.")
    long id;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
      LedgerClient.Submitted s = node.session().submit(new JobCancel(id));
      if (json) {
        ObjectNode o = Json.object();
        o.put("job", id);
        o.put("cancelled_at", s.index());
        Json.print(o);
      } else {
        System.out.println(
            "job #" + id + " cancelled (leaf " + s.index() + "); its escrow is back");
      }
      return 0;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
