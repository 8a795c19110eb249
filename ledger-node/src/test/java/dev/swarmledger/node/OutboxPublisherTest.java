package dev.swarmledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.client.Outbox;
import dev.swarmledger.client.OutboxPublisher;
import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox publisher against a real node (lives here: ledger-node tests may use the client). */
class OutboxPublisherTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void queuesWhileTheNodeIsAwayThenPublishesInOrderExactlyOnce() throws Exception {
    SigningKey operator = SigningKey.generate(RANDOM);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    SigningKey alice = SigningKey.generate(RANDOM);
    Outbox outbox = new Outbox(dir.resolve("outbox"));
    OutboxPublisher publisher = new OutboxPublisher(new LedgerClient(url, 1), alice, outbox);
    outbox.enqueue(TxCodec.sign(alice, 0, new AccountRegister("alice")));
    List<String> log = new ArrayList<>();

    assertThat(publisher.flush(log::add)).isEmpty();
    assertThat(outbox.pending()).hasSize(1);
    assertThat(log).anyMatch(l -> l.contains("unreachable"));

    try (LedgerNode node =
        LedgerNode.start(
            NodeConfig.of(Optional.of(dir.resolve("node")), "127.0.0.1", port, operator))) {
      List<OutboxPublisher.Published> done = publisher.flush(log::add);
      assertThat(done).singleElement().satisfies(p -> assertThat(p.submitted()).isPresent());
      assertThat(outbox.pending()).isEmpty();
      assertThat(new LedgerClient(url).account(alice.publicKey())).isPresent();
    }
  }

  @Test
  void neverResignsATransactionItCannotRecogniseOnTheLedger() throws Exception {
    SigningKey operator = SigningKey.generate(RANDOM);
    try (LedgerNode node =
        LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, operator))) {
      LedgerClient client = new LedgerClient(node.url());
      SigningKey bob = SigningKey.generate(RANDOM);
      SigningKey carol = SigningKey.generate(RANDOM);
      client.submit(TxCodec.sign(bob, 0, new AccountRegister("bob")));
      client.submit(TxCodec.sign(carol, 0, new AccountRegister("carol")));
      // A grant stored once, whose answer was lost: queued again with the same nonce.
      Tx grant = TxCodec.sign(operator, 1, new VerifierGrant(bob.publicKey(), "cpu-amd64"));
      client.submit(grant);
      Outbox outbox = new Outbox(dir.resolve("outbox"));
      outbox.enqueue(grant);
      outbox.enqueue(TxCodec.sign(operator, 2, new VerifierGrant(carol.publicKey(), "cpu-amd64")));

      List<OutboxPublisher.Published> done =
          new OutboxPublisher(client, operator, outbox).flush(l -> {});

      assertThat(done).hasSize(2);
      assertThat(done.get(0).refused())
          .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(ErrorCode.NONCE_REPLAYED));
      assertThat(done.get(1).submitted()).isPresent();
      assertThat(outbox.pending()).isEmpty();
      assertThat(client.account(operator.publicKey()).orElseThrow().nextNonce()).isEqualTo(3);
    }
  }
}
