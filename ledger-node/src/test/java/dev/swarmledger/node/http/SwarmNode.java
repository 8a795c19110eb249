package dev.swarmledger.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.jobs.JobAttest;
import dev.swarmledger.protocol.jobs.JobComplete;
import dev.swarmledger.protocol.jobs.JobCreate;
import dev.swarmledger.protocol.jobs.JobOutput;
import dev.swarmledger.protocol.jobs.JobVerdict;
import dev.swarmledger.protocol.jobs.TrainSpec;
import dev.swarmledger.protocol.jobs.WorkerGrant;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tx.TxBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A real node on a loopback port with helpers to act as its operator, contributors and verifiers
 * over HTTP, and to see refusals with their full error object.
 */
final class SwarmNode implements AutoCloseable {
  static final String TRACK = DefaultTracks.SHAKESPEARE_CHAR.id();
  static final String CPU = "cpu-amd64";
  static final long FLOPS = 2_500_000_000_000L; // 0.0025 credits, within the default track budget
  static final long MICRO = FLOPS / 1_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final SigningKey operatorKey = key(0);
  final LedgerNode node;
  final LedgerClient client;
  final AccountSession operator;
  private final Map<PublicKey, AccountSession> verifiers = new ConcurrentHashMap<>();

  SwarmNode(Optional<Path> dir, Clock clock) {
    this(dir, clock, UnaryOperator.identity());
  }

  /** A node whose configuration {@code configure} adjusts (a blob size limit, say). */
  SwarmNode(Optional<Path> dir, Clock clock, UnaryOperator<NodeConfig> configure) {
    this.node =
        LedgerNode.start(
            configure.apply(NodeConfig.of(dir, "127.0.0.1", 0, operatorKey).withClock(clock)));
    this.client = new LedgerClient(node.url());
    this.operator = new AccountSession(client, operatorKey);
  }

  SwarmNode() {
    this(Optional.empty(), Clock.systemUTC());
  }

  static SigningKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x11;
    return SigningKey.fromSeed(seed);
  }

  AccountSession session(SigningKey key) {
    return new AccountSession(client, key);
  }

  /** Registers a fresh key under {@code name}. */
  AccountSession register(int n, String name) {
    AccountSession s = session(key(n));
    s.submit(new AccountRegister(name));
    return s;
  }

  /** Registers a fresh key and has the operator make it a verifier. */
  AccountSession verifier(int n, String name, String hardware) {
    AccountSession s = register(n, name);
    operator.submit(new VerifierGrant(s.account(), hardware));
    verifiers.put(s.account(), s);
    return s;
  }

  /** Registers a fresh key and has the operator make it a worker of the CPU class. */
  AccountSession worker(int n, String name) {
    AccountSession s = register(n, name);
    operator.submit(new WorkerGrant(s.account(), CPU));
    return s;
  }

  /**
   * Submits {@code contributor}'s result and has every verifier assigned to it (made by {@link
   * #verifier}) re-run it exactly, keeping the same weights file when {@code run} publishes one:
   * the result is verified and the contributor paid. Returns its id.
   */
  long verified(AccountSession contributor, String source, RunSummary run) {
    long id = contributor.submit(result(OptionalLong.empty(), source, run)).index();
    for (PublicKey v : node.log().read(s -> s.result(id).orElseThrow().assigned())) {
      verifiers
          .get(v)
          .submit(
              new AttestationSubmit(
                  id,
                  Verdict.EXACT,
                  run.valBpb(),
                  run.flops(),
                  run.finalParamHash(),
                  List.of(),
                  40.0,
                  CPU,
                  Optional.empty(),
                  run.weightsSha256()));
    }
    return id;
  }

  /** The verifier (made by {@link #verifier}) assigned to re-run the completed job {@code id}. */
  AccountSession checker(long job) {
    return verifiers.get(
        node.log().read(s -> s.job(job).orElseThrow().check().orElseThrow().account()));
  }

  /** The raw JSON answer: these tests check the wire shape that docs/api.md promises. */
  JsonNode get(String pathAndQuery) {
    NodeHttp.Reply r = new NodeHttp(node.url()).get("/" + pathAndQuery);
    if (r.status() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.status() + ": " + r.text());
    }
    return r.json();
  }

  /** The raw text answer. */
  String getText(String pathAndQuery) {
    return new NodeHttp(node.url()).get("/" + pathAndQuery).text();
  }

  JsonNode account(AccountSession s) {
    return get("v1/accounts/" + s.account().hex());
  }

  long balance(AccountSession s) {
    return account(s).get("balance").asLong();
  }

  JsonNode result(long id) {
    return get("v1/results/" + id);
  }

  /** Result ids the node lists as work for {@code verifier}. */
  List<Long> work(AccountSession verifier) {
    JsonNode w = get("v1/work?verifier=" + verifier.account().hex()).get("work");
    return java.util.stream.StreamSupport.stream(w.spliterator(), false)
        .map(n -> n.get("result").asLong())
        .toList();
  }

  /** An error answer as the node sent it. */
  record Refusal(int status, String code, OptionalLong conflict, String message) {}

  /**
   * Signs {@code body} with the session's next nonce and posts it with a plain HTTP client, so the
   * test sees the whole error object (the conflict id included); fails if it is accepted.
   */
  Refusal refuse(AccountSession s, TxBody body) {
    byte[] tx = StrictJson.canonical(s.sign(body, s.nextNonce()).json());
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(node.url() + "/v1/tx"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
            .build();
    try {
      HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 200) {
        throw new AssertionError(body.type() + " was accepted: " + res.body());
      }
      JsonNode e = JSON.readTree(res.body()).get("error");
      return new Refusal(
          res.statusCode(),
          e.get("code").asText(),
          e.has("conflict") ? OptionalLong.of(e.get("conflict").asLong()) : OptionalLong.empty(),
          e.get("message").asText());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    node.close();
  }

  // ---- bodies ----

  static String source(String tag) {
    return "public final class Exp implements Experiment { // " + tag + "\n}\n";
  }

  static Hash sha(String s) {
    return Hash.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  static ClaimCreate claim(String description, String source) {
    return new ClaimCreate(TRACK, description, OptionalLong.empty(), sha(source));
  }

  static RunSummary run(double valBpb, String paramTag) {
    return new RunSummary(
        valBpb,
        FLOPS,
        4_096_000,
        sha("params " + paramTag),
        List.of(sha("segment 1 " + paramTag), sha("segment 2 " + paramTag)),
        42.5,
        CPU,
        "cpu",
        "2.10.0",
        "float32",
        8,
        List.of(5.5, 3.25, 2.125));
  }

  static ResultSubmit result(OptionalLong claim, String source, RunSummary run) {
    return new ResultSubmit(
        TRACK, claim, OptionalLong.empty(), 1234, 2000, source, sha(source), run);
  }

  static AttestationSubmit exact(long result, RunSummary run) {
    return attest(result, Verdict.EXACT, run.valBpb(), run.finalParamHash());
  }

  static AttestationSubmit attest(long result, Verdict v, double valBpb, Hash params) {
    return new AttestationSubmit(
        result, v, valBpb, FLOPS, params, List.of(), 40.0, CPU, Optional.empty());
  }

  /** A training job of the CPU track for {@link #FLOPS}, escrowing {@code max} micro-credits. */
  static JobCreate trainJob(String source, long max) {
    return new JobCreate(
        new TrainSpec(TRACK, source, sha(source), OptionalLong.empty(), 7, FLOPS), 100_000, max);
  }

  /** A training job's completion whose final weights are the blob {@code weights}. */
  static JobComplete trained(long job, String tag, Hash weights) {
    return new JobComplete(job, CPU, new JobOutput.Trained(run(2.5, tag).withWeights(weights)));
  }

  /** A verifier's exact re-run of a job, reproducing {@code output}. */
  static JobAttest reproduced(long job, JobOutput output) {
    return new JobAttest(job, JobVerdict.EXACT, CPU, Optional.of(output), Optional.empty());
  }

  /** Polls {@code condition} until it holds or {@code within} has passed. */
  static void await(String what, Duration within, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(10); // a poll interval, not a wait for something to happen
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private volatile Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
