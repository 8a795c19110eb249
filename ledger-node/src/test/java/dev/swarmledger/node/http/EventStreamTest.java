package dev.swarmledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.merkle.MerkleHash;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-sent events: an appended leaf and the state change it caused reach a subscriber. */
class EventStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One parsed SSE message. */
  record Sse(String id, String event, JsonNode data) {}

  private LedgerNode node;
  private NodeHttp http;
  private CompletableFuture<HttpResponse<Stream<String>>> stream;
  private final BlockingQueue<Sse> received = new LinkedBlockingQueue<>();
  private final java.util.List<Sse> all =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @BeforeEach
  void start() throws Exception {
    node =
        LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, TestTransactions.key(1)));
    http = new NodeHttp(node.url());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(node.url() + "/v1/events")).GET().build();
    HttpResponse<Stream<String>> res =
        client.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    Thread reader =
        new Thread(
            () -> {
              Map<String, String> fields = new HashMap<>();
              try (Stream<String> lines = res.body()) {
                lines.forEach(
                    line -> {
                      if (line.isEmpty()) {
                        if (fields.containsKey("event")) {
                          Sse e =
                              new Sse(
                                  fields.get("id"), fields.get("event"), parse(fields.get("data")));
                          all.add(e);
                          received.add(e);
                        }
                        fields.clear();
                      } else if (!line.startsWith(":")) {
                        int colon = line.indexOf(':');
                        fields.put(
                            line.substring(0, colon), line.substring(colon + 1).stripLeading());
                      }
                    });
              } catch (RuntimeException e) {
                // the stream ends when the node closes
              }
            },
            "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private static JsonNode parse(String data) {
    try {
      return JSON.readTree(data);
    } catch (Exception e) {
      throw new AssertionError("event data is not JSON: " + data, e);
    }
  }

  @AfterEach
  void stop() {
    node.close();
  }

  /** The next event of {@code kind} for leaf {@code index}, waiting until the deadline. */
  private Optional<Sse> await(String kind, long index, long deadlineNanos)
      throws InterruptedException {
    while (System.nanoTime() < deadlineNanos) {
      Sse e = received.poll(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e != null && e.event().equals(kind) && e.id().equals(Long.toString(index))) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  @Test
  void aRegistrationProducesALeafEventAndAnAccountRegisteredEvent() throws Exception {
    // The node subscribes the channel right after sending the headers; a registration sent in
    // that instant could be missed, so a fresh one is sent until one is heard (bounded).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (int attempt = 0; attempt < 5; attempt++) {
      SigningKey key = TestTransactions.freshKey();
      String name = "sse-" + attempt;
      NodeHttp.Reply ack = http.postJson("/v1/tx", TestTransactions.register(key, name));
      assertThat(ack.status()).isEqualTo(200);
      long index = ack.json().get("index").asLong();
      String leafHash = ack.json().get("leaf_hash").asText();
      long attemptDeadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(4));
      Optional<Sse> leaf = await("leaf", index, attemptDeadline);
      if (leaf.isEmpty()) {
        continue;
      }
      JsonNode d = leaf.get().data();
      assertThat(d.get("index").asLong()).isEqualTo(index);
      assertThat(d.get("leaf_hash").asText()).isEqualTo(leafHash);
      assertThat(d.get("type").asText()).isEqualTo("account.register");
      assertThat(d.get("account").asText()).isEqualTo(key.publicKey().hex());
      assertThat(d.get("time").asText())
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      // The leaf hash in the event is the hash of the leaf the log serves at that index.
      JsonNode entries = http.get("/v1/log/entries?start=" + index + "&end=" + (index + 1)).json();
      byte[] bytes = Base64.getDecoder().decode(entries.get("entries").get(0).get("leaf").asText());
      assertThat(MerkleHash.leaf(bytes).hex()).isEqualTo(leafHash);

      Optional<Sse> registered = await("account.registered", index, deadline);
      assertThat(registered).as("account.registered event for leaf %d", index).isPresent();
      assertThat(registered.get().data().get("account").asText()).isEqualTo(key.publicKey().hex());
      assertThat(registered.get().data().get("name").asText()).isEqualTo(name);
      return;
    }
    throw new AssertionError("no leaf event heard for any of 5 registrations");
  }

  @Test
  void aRefusedTransactionProducesNoEvent() throws Exception {
    SigningKey key = TestTransactions.freshKey();
    NodeHttp.Reply refused =
        http.postJson(
            "/v1/tx",
            TestTransactions.signed(
                key, 3, new dev.swarmledger.protocol.accounts.AccountRegister("late")));
    assertThat(refused.status()).isEqualTo(409);
    // Then an accepted one: the first event heard must be for it, not for the refused one.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (int attempt = 0; attempt < 5; attempt++) {
      NodeHttp.Reply ack =
          http.postJson(
              "/v1/tx", TestTransactions.register(TestTransactions.freshKey(), "ok-" + attempt));
      long index = ack.json().get("index").asLong();
      if (await("leaf", index, Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(4)))
          .isPresent()) {
        synchronized (all) {
          assertThat(all).isNotEmpty();
          for (Sse e : all) {
            assertThat(e.data().toString()).doesNotContain(key.publicKey().hex());
          }
        }
        return;
      }
    }
    throw new AssertionError("no leaf event heard");
  }
}
