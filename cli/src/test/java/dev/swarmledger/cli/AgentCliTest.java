package dev.swarmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunRecordJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/agents.md as an agent follows it: every command it documents, run in-process against a real
 * node on loopback, with --json output parsed and exit codes checked. No training: the pool of
 * results is built from signed transactions (results and the assigned verifiers' attestations).
 *
 * <p>The pool has a known best lineage (A: the largest verified improvement per credit), a lineage
 * B whose change is disjoint from A's (the known composable pair) and a lineage C whose change
 * overlaps both: {@code swarm suggest} must pick A and propose exactly "apply B's change to A".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACK = "shakespeare-char";
  private static final String CLASS = "cpu-agent-test";

  @TempDir static Path dir;

  private static LedgerNode node;
  private static String url;
  private static SigningKey operator;
  private static SigningKey vera;
  private static SigningKey victor;
  private static SigningKey alice;
  private static LedgerClient client;
  private static long flops;
  private static long root;
  private static long a2;
  private static long b1;
  private static long b2;
  private static long c1;

  record Ran(int code, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
      }
    }
  }

  /** One command in-process, as {@code swarm ARGS}: its exit code, stdout and stderr. */
  private static synchronized Ran swarm(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = System.out;
    PrintStream e = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      var cl = SwarmCli.commandLine();
      cl.setErr(new java.io.PrintWriter(System.err, true));
      int code = cl.execute(args);
      return new Ran(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  /** {@code swarm ARGS --node URL --key KEY}. */
  private static Ran as(Path key, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", url, "--key", key.toString()));
    return swarm(all.toArray(String[]::new));
  }

  private static Path key(String name, SigningKey k) {
    Path p = dir.resolve(name + ".key");
    if (!Files.exists(p)) {
      KeyFiles.write(p, k);
    }
    return p;
  }

  private static String lines(String... changed) {
    StringBuilder b = new StringBuilder("public final class Exp implements Experiment {\n");
    for (int i = 1; i <= 10; i++) {
      String line = "  // step " + i;
      for (int k = 0; k + 1 < changed.length; k += 2) {
        if (Integer.parseInt(changed[k]) == i) {
          line = "  // " + changed[k + 1];
        }
      }
      b.append(line).append('\n');
    }
    return b.append("}\n").toString();
  }

  private static RunSummary run(double valBpb) {
    return new RunSummary(
        valBpb,
        flops,
        1000,
        Hash.sha256(Double.toString(valBpb).getBytes(StandardCharsets.UTF_8)),
        List.of(Hash.sha256(new byte[] {1})),
        1.0,
        CLASS,
        "cpu",
        "2.5.1",
        "float32",
        1,
        List.of(3.0),
        Optional.empty());
  }

  /** A result by alice, attested exactly by each assigned verifier: verified. */
  private static long verified(String source, Long parent, double valBpb) {
    RunSummary r = run(valBpb);
    long id =
        new AccountSession(client, alice)
            .submit(
                new ResultSubmit(
                    TRACK,
                    OptionalLong.empty(),
                    parent == null ? OptionalLong.empty() : OptionalLong.of(parent),
                    1,
                    10,
                    source,
                    Hash.sha256(source.getBytes(StandardCharsets.UTF_8)),
                    r))
            .index();
    for (PublicKey v : client.result(id).orElseThrow().assigned()) {
      SigningKey k = v.equals(vera.publicKey()) ? vera : victor;
      new AccountSession(client, k)
          .submit(
              new AttestationSubmit(
                  id,
                  Verdict.EXACT,
                  r.valBpb(),
                  r.flops(),
                  r.finalParamHash(),
                  r.segmentHashes(),
                  1.0,
                  CLASS,
                  Optional.empty()));
    }
    assertThat(client.result(id).orElseThrow().status().wireName()).isEqualTo("verified");
    return id;
  }

  @BeforeAll
  static void swarmWithAPool() {
    operator = SigningKey.generate(new SecureRandom());
    node =
        LedgerNode.start(NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", 0, operator));
    url = node.url();
    client = new LedgerClient(url);
    vera = SigningKey.generate(new SecureRandom());
    victor = SigningKey.generate(new SecureRandom());
    alice = SigningKey.generate(new SecureRandom());
    for (var e : Map.of("vera", vera, "victor", victor, "alice", alice).entrySet()) {
      assertThat(as(key(e.getKey(), e.getValue()), "register", "--name", e.getKey()).code())
          .isZero();
    }
    for (SigningKey v : List.of(vera, victor)) {
      new AccountSession(client, operator).submit(new VerifierGrant(v.publicKey(), CLASS));
    }
    flops = client.track(TRACK).orElseThrow().spec().budgetFlops() / 2;
    root = verified(lines(), null, 3.0);
    // A: the best use of credits (0.2 per result); B: 0.05 per result, on lines A leaves alone.
    long a1 = verified(lines("2", "A wider MLP"), root, 2.8);
    a2 = verified(lines("2", "A wider MLP", "3", "A more heads"), a1, 2.6);
    b1 = verified(lines("8", "B warmup"), root, 2.95);
    b2 = verified(lines("8", "B warmup", "9", "B cosine decay"), b1, 2.9);
    // C touches line 2 (A's) and line 8 (B's): combinable with neither.
    c1 = verified(lines("2", "C narrow MLP", "8", "C no warmup"), root, 2.97);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void keygenWritesAKeyAndNeverOverwritesIt() {
    Path k = dir.resolve("new.key");
    Ran r = swarm("keygen", "--out", k.toString(), "--json");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.json().get("account").asText()).isEqualTo(KeyFiles.read(k).publicKey().hex());
    assertThat(swarm("keygen", "--out", k.toString(), "--json").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  @Order(2)
  void registerTwiceIsRefusedWithItsCode() {
    Ran r = as(key("alice", alice), "register", "--name", "alice-again", "--json");
    assertThat(r.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(r.err()).startsWith("error: ");
    Ran fresh =
        as(
            key("dora", SigningKey.generate(new SecureRandom())),
            "register",
            "--name",
            "dora",
            "--json");
    assertThat(fresh.code()).isZero();
    assertThat(fresh.json().get("name").asText()).isEqualTo("dora");
  }

  @Test
  @Order(3)
  void readingCommandsPrintJson() {
    Path k = key("alice", alice);
    Ran tracks = as(k, "tracks", "--json");
    assertThat(tracks.code()).isZero();
    assertThat(tracks.json().isArray()).isTrue();
    assertThat(tracks.json().findValuesAsText("id")).contains(TRACK);
    assertThat(as(k, "track", "list", "--json").json().isArray()).isTrue();
    assertThat(as(k, "think", "--json").json().isObject()).isTrue();
    Ran best = as(k, "best", "--json", "--source", dir.resolve("BEST.java").toString());
    assertThat(best.code()).isZero();
    assertThat(best.json().get("result").asLong()).isEqualTo(a2);
    Ran result = as(k, "result", Long.toString(b2), "--json");
    assertThat(result.code()).isZero();
    assertThat(result.json().get("parent").asLong()).isEqualTo(b1);
    assertThat(result.json().get("status").asText()).isEqualTo("verified");
    assertThat(result.json().get("source").asText()).contains("B cosine decay");
    assertThat(as(k, "result", "999999", "--json").code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(as(k, "balance", "--json").json().has("balance")).isTrue();
    assertThat(as(k, "leaderboard", "--json").code()).isZero();
    as(k, "leaderboard", "--json").json();
  }

  @Test
  @Order(4)
  void suggestPicksTheBestLineageAndExactlyTheComposablePair() throws Exception {
    Ran r =
        as(
            key("alice", alice),
            "suggest",
            "--track",
            TRACK,
            "--json",
            "--out",
            dir.resolve("NEXT.java").toString());
    assertThat(r.code()).isZero();
    JsonNode s = r.json();
    assertThat(s.get("choice").get("tip").asLong()).isEqualTo(a2);
    assertThat(s.get("arms").findValuesAsText("tip"))
        .containsExactlyInAnyOrder(Long.toString(a2), Long.toString(b2), Long.toString(c1));
    assertThat(s.get("pairs")).hasSize(1);
    JsonNode pair = s.get("pairs").get(0);
    assertThat(pair.get("from").asLong()).isEqualTo(b2);
    assertThat(pair.get("onto").asLong()).isEqualTo(a2);
    assertThat(pair.get("ancestor").asLong()).isEqualTo(root);
    String merged =
        lines("2", "A wider MLP", "3", "A more heads", "8", "B warmup", "9", "B cosine decay");
    assertThat(pair.get("merged_source").asText()).isEqualTo(merged);
    assertThat(pair.get("from_diff").asText()).contains("+  // B warmup").doesNotContain("A wider");
    assertThat(Files.readString(dir.resolve("NEXT.java"))).isEqualTo(merged);
    // Deterministic: the same pool gives the same answer.
    assertThat(as(key("alice", alice), "suggest", "--json").json()).isEqualTo(s);
  }

  @Test
  @Order(5)
  void claimReleaseAndPublishTheBuiltInBaseline() throws Exception {
    Path k = key("alice", alice);
    Path exp = dir.resolve("Mine.java");
    Files.writeString(exp, lines("5", "my idea"));
    Ran claim = as(k, "claim", exp.toString(), "-d", "try a gated residual on step five", "--json");
    assertThat(claim.code()).isZero();
    long id = claim.json().get("claim").asLong();
    Path bob = key("bob", SigningKey.generate(new SecureRandom()));
    as(bob, "register", "--name", "bob");
    Ran dup = as(bob, "claim", exp.toString(), "-d", "something else entirely here", "--json");
    assertThat(dup.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(dup.err()).contains("duplicate");
    Ran release = as(k, "claim", "release", Long.toString(id), "--json");
    assertThat(release.code()).as(release.err()).isZero();
    assertThat(release.json().get("released").asBoolean()).isTrue();
    assertThat(as(k, "claim", "--json").code()).isEqualTo(ExitCodes.USAGE);
    // publish: a run record of the built-in Baseline, named as `swarm run` names it.
    String baseline =
        new String(
            RunCommand.class.getResourceAsStream("/experiments/Baseline.java").readAllBytes(),
            StandardCharsets.UTF_8);
    Path record = dir.resolve("RUN.json");
    Files.writeString(record, RunRecordJson.toJson(record(baseline)));
    Ran pub = as(k, "publish", record.toString(), "experiments/Baseline.java", "--json");
    assertThat(pub.code()).as(pub.err()).isZero();
    assertThat(client.result(pub.json().get("result").asLong()).orElseThrow().source())
        .contains(baseline);
  }

  @Test
  @Order(6)
  void signedActionsPrintJson() {
    Path k = key("alice", alice);
    Ran h =
        as(
            k,
            "hypothesis",
            "--title",
            "wider",
            "--text",
            "A shows it",
            "--evidence",
            Long.toString(a2),
            "--json");
    assertThat(h.code()).isZero();
    assertThat(h.json().get("hypothesis").asLong()).isPositive();
    Ran t = as(k, "transfer", "--to", vera.publicKey().hex(), "--amount", "0.000001", "--json");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.json().get("leaf").asLong()).isPositive();
    Ran overdraw =
        as(k, "transfer", "--to", vera.publicKey().hex(), "--amount", "1000000", "--json");
    assertThat(overdraw.code()).isEqualTo(ExitCodes.REFUSED);
  }

  @Test
  @Order(7)
  void theJobsMarket() throws Exception {
    Path k = key("alice", alice);
    Path op = key("operator", operator);
    Ran grant =
        as(
            op,
            "operator",
            "grant-worker",
            "--account",
            victor.publicKey().hex(),
            "--hardware-class",
            CLASS,
            "--json");
    assertThat(grant.code()).as(grant.err()).isZero();
    Path exp = dir.resolve("Job.java");
    Files.writeString(exp, lines("4", "a job"));
    Ran create =
        as(
            k,
            "job",
            "create",
            "--train",
            exp.toString(),
            "--track",
            TRACK,
            "--budget-flops",
            "1000000000",
            "--price",
            "1",
            "--max-credits",
            "0.01",
            "--json");
    assertThat(create.code()).as(create.err()).isZero();
    long job = create.json().get("job").asLong();
    Ran show = as(k, "job", "show", Long.toString(job), "--json");
    assertThat(show.code()).isZero();
    assertThat(show.json().get("status").asText()).isEqualTo("open");
    assertThat(as(k, "job", "list", "--mine", "--json").json().findValuesAsText("id"))
        .contains(Long.toString(job));
    Ran cancel = as(k, "job", "cancel", Long.toString(job), "--json");
    assertThat(cancel.code()).as(cancel.err()).isZero();
    assertThat(as(k, "job", "show", Long.toString(job), "--json").json().get("status").asText())
        .isEqualTo("cancelled");
    assertThat(as(k, "job", "show", "999999", "--json").code()).isEqualTo(ExitCodes.NOT_FOUND);
    Ran unknown = as(k, "job", "cancel", "999999", "--json");
    assertThat(unknown.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).startsWith("error: unknown_job (HTTP 404)");
  }

  @Test
  @Order(8)
  void auditAndTheExitCodesOfFailure() {
    Path k = key("alice", alice);
    Ran audit = as(k, "audit", "--state", dir.resolve("audit").toString());
    assertThat(audit.code()).as(audit.out() + audit.err()).isZero();
    Ran audited = as(k, "audit", "--state", dir.resolve("audit").toString(), "--json");
    assertThat(audited.code()).as(audited.out() + audited.err()).isZero();
    assertThat(audited.json().get("ok").asBoolean()).isTrue();
    assertThat(audited.json().get("size").asLong()).isPositive();
    Ran verified =
        swarm("log", "verify", "--node", url, "--state", dir.resolve("audit").toString(), "--json");
    assertThat(verified.json().get("ok").asBoolean()).isTrue();
    Ran distrust =
        swarm(
            "log",
            "verify",
            "--node",
            url,
            "--state",
            dir.resolve("other").toString(),
            "--log-key",
            "someone.else+00000000+AQ==",
            "--json");
    assertThat(distrust.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(distrust.json().get("ok").asBoolean()).isFalse();
    Ran away =
        swarm(
            "balance",
            "--node",
            "http://127.0.0.1:1",
            "--account",
            alice.publicKey().hex(),
            "--json");
    assertThat(away.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(away.err()).startsWith("error: unreachable");
    assertThat(swarm("no-such-command").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(swarm("balance", "--no-such-option").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(swarm("run", dir.resolve("Missing.java").toString(), "--json").code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            as(
                    k,
                    "contribute",
                    dir.resolve("Missing.java").toString(),
                    "--state",
                    dir.resolve("c").toString())
                .code())
        .isEqualTo(ExitCodes.USAGE);
  }

  /** SWARM_NODE and SWARM_KEY reach every command: one process reads them from its environment. */
  @Test
  @Order(9)
  void environmentNamesTheNodeAndTheKey() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            SwarmCli.class.getName(),
            "balance",
            "--json");
    pb.environment().put("SWARM_NODE", url);
    pb.environment().put("SWARM_KEY", key("alice", alice).toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(JSON.readTree(out).get("id").asText()).isEqualTo(alice.publicKey().hex());
  }

  private static RunRecord record(String source) {
    return new RunRecord(
        TRACK,
        1,
        Hash.sha256(source.getBytes(StandardCharsets.UTF_8)).hex(),
        10,
        OptionalDouble.empty(),
        1000,
        flops,
        100,
        2.99,
        100,
        100,
        List.of(),
        5,
        List.of(Hash.sha256(new byte[] {2}).hex()),
        Hash.sha256(new byte[] {3}).hex(),
        1.0,
        1.0,
        "cpu",
        "2.5.1",
        "float32",
        1,
        "none",
        CLASS,
        "cpu",
        true,
        "math",
        "");
  }
}
