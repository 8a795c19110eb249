package dev.swarmledger.client.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.CheckpointVerifier;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.genesis.Policy;
import dev.swarmledger.protocol.json.StrictJson;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The auditor against a stand-in node that lies in one way at a time. */
class LogVerifierTest {
  private static final String ORIGIN = "fake.example/log";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SigningKey OPERATOR = SigningKey.generate(RANDOM);
  private static final CheckpointSigner SIGNER = new CheckpointSigner(ORIGIN, OPERATOR);
  private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

  private FakeLogServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeLogServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] leaf(long index, Tx tx) {
    return LeafCodec.encode(new Leaf(index, T0.plusSeconds(index), tx));
  }

  /** Genesis plus {@code n} registrations, as leaf bytes. */
  private static List<byte[]> log(int n, String prefix) {
    List<byte[]> leaves = new ArrayList<>();
    leaves.add(
        leaf(
            0,
            TxCodec.sign(
                OPERATOR,
                0,
                new Genesis(
                    OPERATOR.publicKey(), ORIGIN, Policy.defaults(), java.util.List.of()))));
    for (int i = 1; i <= n; i++) {
      leaves.add(
          leaf(i, TxCodec.sign(SigningKey.generate(RANDOM), 0, new AccountRegister(prefix + i))));
    }
    return leaves;
  }

  private LogVerifier.Report verify(List<Checkpoint> seen) throws VerificationFailure {
    return new LogVerifier(new LedgerClient(server.url(), 1), SIGNER.verifierKey())
        .verify(seen, l -> {}, s -> {});
  }

  private void assertFails(String messagePart) {
    assertThatThrownBy(() -> verify(List.of()))
        .isInstanceOf(VerificationFailure.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void anHonestLogPassesAcrossSeveralPages() throws Exception {
    List<byte[]> leaves = log(20, "u");
    server.publish(leaves, leaves, SIGNER);
    server.pageSize(7);
    List<Leaf> sunk = new ArrayList<>();
    LogVerifier.Report r =
        new LogVerifier(new LedgerClient(server.url(), 1), SIGNER.verifierKey())
            .verify(List.of(), sunk::add, s -> {});
    assertThat(r.leaves()).isEqualTo(21);
    assertThat(r.inclusionProofs()).isEqualTo(21);
    assertThat(sunk).hasSize(21);
    assertThat(new CheckpointVerifier(SIGNER.verifierKey()).verify(r.note()))
        .isEqualTo(r.checkpoint());
  }

  @Test
  void growthIsAcceptedWithAConsistencyProofFromEveryEarlierCheckpoint() throws Exception {
    List<byte[]> leaves = log(12, "u");
    server.publish(leaves.subList(0, 4), leaves.subList(0, 4), SIGNER);
    Checkpoint at4 = verify(List.of()).checkpoint();
    server.publish(leaves.subList(0, 9), leaves.subList(0, 9), SIGNER);
    Checkpoint at9 = verify(List.of(at4)).checkpoint();
    server.publish(leaves, leaves, SIGNER);
    assertThat(verify(List.of(at4, at9)).consistencyProofs()).isEqualTo(2);
  }

  @Test
  void aCheckpointByAnotherKeyFails() {
    List<byte[]> leaves = log(3, "u");
    server.publish(leaves, leaves, new CheckpointSigner(ORIGIN, SigningKey.generate(RANDOM)));
    assertFails("checkpoint signature does not verify");
  }

  @Test
  void aCheckpointForAnotherOriginFails() {
    List<byte[]> leaves = log(3, "u");
    server.publish(leaves, leaves, new CheckpointSigner("other.example/log", OPERATOR));
    assertFails("checkpoint signature does not verify");
  }

  @Test
  void servedLeavesThatDifferFromTheSignedTreeFail() {
    List<byte[]> signed = log(5, "u");
    List<byte[]> served = new ArrayList<>(signed);
    served.set(
        3, leaf(3, TxCodec.sign(SigningKey.generate(RANDOM), 0, new AccountRegister("swapped"))));
    server.publish(signed, served, SIGNER);
    assertFails("differs from the checkpoint root");
  }

  @Test
  void aLeafAtTheWrongIndexFails() {
    List<byte[]> leaves = log(5, "u");
    leaves.set(
        2, leaf(7, TxCodec.sign(SigningKey.generate(RANDOM), 0, new AccountRegister("misplaced"))));
    server.publish(leaves, leaves, SIGNER);
    assertFails("leaf 2 says it is at index 7");
  }

  @Test
  void aLeafWhoseTransactionSignatureDoesNotVerifyFails() {
    List<byte[]> leaves = log(5, "u");
    Tx tx = TxCodec.sign(SigningKey.generate(RANDOM), 0, new AccountRegister("forged"));
    ObjectNode env = tx.json();
    env.put(
        "sig",
        Base64.getEncoder().encodeToString(SigningKey.generate(RANDOM).sign(tx.signingBytes())));
    leaves.set(4, leaf(4, TxCodec.decode(StrictJson.canonical(env))));
    server.publish(leaves, leaves, SIGNER);
    assertFails("leaf 4: transaction signature does not verify");
  }

  @Test
  void aMalformedLeafFails() {
    List<byte[]> leaves = log(3, "u");
    leaves.set(
        1,
        "{\"index\":1,\"time\":\"2026-02-01T00:00:01Z\",\"tx\":{}}"
            .getBytes(StandardCharsets.UTF_8));
    server.publish(leaves, leaves, SIGNER);
    assertFails("leaf 1 is malformed");
  }

  @Test
  void aTamperedInclusionProofFails() {
    List<byte[]> leaves = log(6, "u");
    server.publish(leaves, leaves, SIGNER);
    server.tamperInclusionProofs(
        path -> {
          List<Hash> p = new ArrayList<>(path);
          byte[] b = p.get(0).bytes();
          b[0] ^= 1;
          p.set(0, Hash.of(b));
          return p;
        });
    assertFails("inclusion proof for leaf 0 does not verify");
  }

  @Test
  void aNodeThatServesNoEntriesBelowItsSizeFails() {
    List<byte[]> signed = log(4, "u");
    server.publish(signed, signed.subList(0, 2), SIGNER);
    assertFails("returned no entries at 2");
  }

  @Test
  void rollbackAndForkAgainstRememberedCheckpointsFail() throws Exception {
    List<byte[]> leaves = log(8, "u");
    server.publish(leaves, leaves, SIGNER);
    Checkpoint at9 = verify(List.of()).checkpoint();
    server.publish(leaves.subList(0, 5), leaves.subList(0, 5), SIGNER);
    assertThatThrownBy(() -> verify(List.of(at9))).hasMessageContaining("log shrank");

    List<byte[]> other = log(8, "v");
    server.publish(other, other, SIGNER);
    assertThatThrownBy(() -> verify(List.of(at9))).hasMessageContaining("two different roots");

    List<byte[]> longer = log(12, "w");
    server.publish(longer, longer, SIGNER);
    assertThatThrownBy(() -> verify(List.of(at9))).hasMessageContaining("does not verify (fork)");
  }
}
