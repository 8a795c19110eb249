package dev.swarmledger.node.http;

import static dev.swarmledger.node.http.SwarmNode.CPU;
import static dev.swarmledger.node.http.SwarmNode.TRACK;
import static dev.swarmledger.node.http.SwarmNode.exact;
import static dev.swarmledger.node.http.SwarmNode.result;
import static dev.swarmledger.node.http.SwarmNode.run;
import static dev.swarmledger.node.http.SwarmNode.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.audit.Auditor;
import dev.swarmledger.client.audit.VerificationFailure;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.state.StateDigest;
import dev.swarmledger.protocol.transfers.CreditTransfer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The auditor against a real node: it agrees with an honest one (down to the state root), and a
 * proxy that rewrites one served number is caught and named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditorAgainstNodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SwarmNode swarm;
  private AccountSession alice;
  private AccountSession bob;

  @BeforeAll
  void buildASwarm() {
    swarm = new SwarmNode();
    Map<PublicKey, AccountSession> verifiers = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      AccountSession v = swarm.verifier(11 + i, "v" + i, CPU);
      verifiers.put(v.account(), v);
    }
    alice = swarm.register(1, "alice");
    bob = swarm.register(2, "bob");
    RunSummary run = run(1.4, "alice");
    long id = alice.submit(result(OptionalLong.empty(), source("a"), run)).index();
    for (JsonNode v : swarm.result(id).get("assigned")) {
      verifiers.get(PublicKey.fromHex(v.asText())).submit(exact(id, run));
    }
    alice.submit(new CreditTransfer(bob.account(), 1_000_000, Optional.of("thanks")));
    assertThat(swarm.balance(bob)).isEqualTo(1_000_000);
    assertThat(swarm.balance(alice)).isGreaterThan(1_000_000);
  }

  @AfterAll
  void stop() {
    swarm.close();
  }

  private Auditor.Report audit(String url) throws VerificationFailure {
    List<String> progress = new ArrayList<>();
    return new Auditor(new LedgerClient(url, 1), swarm.node.verifierKey())
        .audit(List.of(), progress::add);
  }

  @Test
  void honestNodePassesWithTheNodesOwnStateRoot() throws Exception {
    Auditor.Report report = audit(swarm.node.url());
    assertThat(report.checkpoint().size()).isEqualTo(swarm.node.log().size());
    assertThat(report.accounts()).isEqualTo(6);
    assertThat(report.stateRoot()).isEqualTo(swarm.node.log().read(StateDigest::root).hex());
    // Through a proxy that changes nothing, too (so the tamper tests below test the tampering).
    try (Proxy proxy = new Proxy(swarm.node.url(), (path, body) -> body)) {
      assertThat(audit(proxy.url()).stateRoot()).isEqualTo(report.stateRoot());
    }
  }

  @Test
  void busyHonestNodePasses() throws Exception {
    // Credits reach bob while the auditor compares: bob's nonce does not change, so only the
    // checkpoint tells that the node moved on rather than lied.
    java.util.concurrent.atomic.AtomicBoolean sent =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<String> progress = new ArrayList<>();
    Auditor.Report report =
        new Auditor(new LedgerClient(swarm.node.url(), 1), swarm.node.verifierKey())
            .audit(
                List.of(),
                line -> {
                  progress.add(line);
                  if (line.startsWith("replayed") && !sent.getAndSet(true)) {
                    alice.submit(new CreditTransfer(bob.account(), 1, Optional.empty()));
                  }
                });
    assertThat(sent).isTrue();
    assertThat(progress).anyMatch(line -> line.contains("moved on"));
    assertThat(report.checkpoint().size()).isEqualTo(swarm.node.log().size());
    assertThat(report.stateRoot()).isEqualTo(swarm.node.log().read(StateDigest::root).hex());
  }

  @Test
  void tamperedBalanceIsCaughtAndNamed() throws Exception {
    String victim = bob.account().hex();
    long served = swarm.balance(bob) + 1;
    try (Proxy proxy =
        new Proxy(
            swarm.node.url(),
            (path, body) -> {
              if (path.equals("/v1/accounts/" + victim)) {
                ((ObjectNode) body).put("balance", body.get("balance").asLong() + 1);
              }
              return body;
            })) {
      assertThatThrownBy(() -> audit(proxy.url()))
          .isInstanceOf(VerificationFailure.class)
          .hasMessageContaining(victim)
          .hasMessageContaining("bob")
          .hasMessageContaining("balance")
          .hasMessageContaining(Long.toString(served));
    }
  }

  @Test
  void tamperedBestIsCaught() throws Exception {
    try (Proxy proxy =
        new Proxy(
            swarm.node.url(),
            (path, body) -> {
              if (path.equals("/v1/best")) {
                ((ObjectNode) body).put("val_bpb", 1.2);
              }
              return body;
            })) {
      assertThatThrownBy(() -> audit(proxy.url()))
          .isInstanceOf(VerificationFailure.class)
          .hasMessageContaining(TRACK)
          .hasMessageContaining("1.2")
          .hasMessageContaining("1.4");
    }
  }

  @Test
  void hiddenBestIsCaught() throws Exception {
    try (Proxy proxy =
        new Proxy(
            swarm.node.url(),
            (path, body) -> {
              if (path.equals("/v1/best")) {
                ObjectNode err = JSON.createObjectNode();
                err.putObject("error").put("code", "not_found").put("message", "no best");
                return err;
              }
              return body;
            })) {
      assertThatThrownBy(() -> audit(proxy.url()))
          .isInstanceOf(VerificationFailure.class)
          .hasMessageContaining("serves no best");
    }
  }

  /**
   * A man in the middle: forwards every GET to the node and lets {@code rewrite} change JSON
   * answers (a rewritten error object is served as 404).
   */
  private static final class Proxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    Proxy(String upstream, BiFunction<String, JsonNode, JsonNode> rewrite) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> forward(upstream, rewrite, exchange));
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(
        String upstream, BiFunction<String, JsonNode, JsonNode> rewrite, HttpExchange ex)
        throws IOException {
      try (ex) {
        HttpRequest req =
            HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI())).GET().build();
        HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        String type = res.headers().firstValue("content-type").orElse("text/plain");
        byte[] body = res.body();
        int status = res.statusCode();
        if (type.startsWith("application/json")) {
          JsonNode tree = rewrite.apply(ex.getRequestURI().getPath(), JSON.readTree(body));
          status = tree.has("error") ? Math.max(status, 404) : status;
          body = JSON.writeValueAsBytes(tree);
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
