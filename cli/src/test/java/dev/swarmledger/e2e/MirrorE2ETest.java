package dev.swarmledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.TxCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swarm node} and {@code swarm mirror} as real processes: the mirror pins the node's log
 * key, follows it, answers reads as the node does, refuses writes, and comes back after a restart.
 */
class MirrorE2ETest {
  private static final Duration START = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aMirrorFollowsTheNodeAndServesItsReads() throws Exception {
    try (SwarmProcess node =
        SwarmProcess.start(
            "node", "node", "--data", dir.resolve("node").toString(), "--listen", "127.0.0.1:0")) {
      String url = node.awaitLine(Pattern.compile("node listening on (\\S+)"), START).group(1);
      LedgerClient client = new LedgerClient(url);
      SigningKey alice = SigningKey.fromSeed(new byte[32]);
      client.submit(TxCodec.sign(alice, 0, new AccountRegister("alice")));

      String mirrorUrl;
      try (SwarmProcess mirror = mirror(url)) {
        mirrorUrl = mirror.awaitLine(Pattern.compile("mirror listening on (\\S+)"), START).group(1);
        assertThat(Files.readString(dir.resolve("mirror/log.key")).strip())
            .isEqualTo(client.verifierKey().strip());
        LedgerClient copy = new LedgerClient(mirrorUrl);
        Await.value(
            "the mirror to hold alice",
            Duration.ofSeconds(30),
            () -> copy.account(alice.publicKey()));
        assertThat(copy.checkpoint()).isEqualTo(client.checkpoint());
        assertThat(copy.account(alice.publicKey())).isEqualTo(client.account(alice.publicKey()));

        byte[] tx =
            StrictJson.canonical(
                TxCodec.sign(
                        SigningKey.fromSeed(
                            new byte[] {
                              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                              21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                            }),
                        0,
                        new AccountRegister("bob"))
                    .json());
        HttpResponse<String> post =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(mirrorUrl + "/v1/tx"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(tx))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("read_only_mirror");
      }
      // Restarted on its stored log with the pinned key, it catches up with what came since.
      SigningKey carol =
          SigningKey.fromSeed(
              new byte[] {
                9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
                9, 9, 9, 9
              });
      client.submit(TxCodec.sign(carol, 0, new AccountRegister("carol")));
      try (SwarmProcess mirror = mirror(url)) {
        String again =
            mirror.awaitLine(Pattern.compile("mirror listening on (\\S+)"), START).group(1);
        mirror.awaitLine(Pattern.compile("verified log size [1-9]"), START);
        LedgerClient copy = new LedgerClient(again);
        Await.value(
            "the restarted mirror to hold carol",
            Duration.ofSeconds(30),
            () -> copy.account(carol.publicKey()));
        assertThat(copy.checkpoint()).isEqualTo(client.checkpoint());
      }
    }
  }

  private SwarmProcess mirror(String from) {
    return SwarmProcess.start(
        "mirror",
        "mirror",
        "--from",
        from,
        "--data",
        dir.resolve("mirror").toString(),
        "--listen",
        "127.0.0.1:0",
        "--poll-ms",
        "100");
  }
}
