package dev.swarmledger.node.http;

import static dev.swarmledger.node.http.SwarmNode.CPU;
import static dev.swarmledger.node.http.SwarmNode.TRACK;
import static dev.swarmledger.node.http.SwarmNode.claim;
import static dev.swarmledger.node.http.SwarmNode.exact;
import static dev.swarmledger.node.http.SwarmNode.result;
import static dev.swarmledger.node.http.SwarmNode.run;
import static dev.swarmledger.node.http.SwarmNode.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.NodeHttp;
import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.node.mirror.LogSource;
import dev.swarmledger.node.mirror.MirrorNode;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import dev.swarmledger.protocol.merkle.CompactRange;
import dev.swarmledger.protocol.merkle.ConsistencyProof;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read mirror on loopback follows a node and answers every read exactly as the node does; fed a
 * forked, forged or tampered log it stops following with the reason and keeps serving what it had
 * verified.
 */
class MirrorHttpTest {
  @TempDir Path dir;

  /** The node's log API as a mirror reads it, through the real client. */
  static LogSource over(LedgerClient client) {
    return new LogSource() {
      @Override
      public String checkpoint() {
        return client.checkpoint();
      }

      @Override
      public List<byte[]> entries(long start, long end) {
        return client.entries(start, end);
      }

      @Override
      public ConsistencyProof consistency(long from, long to) {
        return client.consistency(from, to);
      }
    };
  }

  private static MirrorNode mirror(Optional<Path> data, SwarmNode swarm, LogSource source) {
    return MirrorNode.start(
        new MirrorNode.Config(
            data,
            "127.0.0.1",
            0,
            swarm.node.verifierKey(),
            swarm.node.url(),
            Duration.ofMillis(50),
            1 << 20,
            Optional.of(SwarmNode.key(77)),
            dev.swarmledger.node.snapshot.SnapshotPolicy.every(3)),
        source);
  }

  private static void caughtUp(MirrorNode mirror, long size) {
    SwarmNode.await(
        "the mirror to reach " + size, Duration.ofSeconds(20), () -> mirror.log().size() == size);
  }

  @Test
  void servesTheSameAnswersAsTheNodeAndRefusesWrites() throws Exception {
    try (SwarmNode swarm = new SwarmNode()) {
      AccountSession v1 = swarm.verifier(11, "v1", CPU);
      AccountSession v2 = swarm.verifier(12, "v2", CPU);
      AccountSession alice = swarm.register(1, "alice");
      String src = source("mirror");
      long claimId = alice.submit(claim("rotary embeddings everywhere", src)).index();
      alice.submit(
          new HypothesisCreate(TRACK, "wider mlp", "a wider mlp helps", "4x to 6x", List.of(), 2));
      RunSummary run = run(1.4321, "alice-1");
      long id = alice.submit(result(OptionalLong.of(claimId), src, run)).index();
      for (AccountSession v : List.of(v1, v2)) {
        v.submit(exact(id, run));
      }
      assertThat(swarm.result(id).get("status").asText()).isEqualTo("verified");

      Path data = dir.resolve("mirror");
      try (MirrorNode mirror = mirror(Optional.of(data), swarm, over(swarm.client))) {
        caughtUp(mirror, swarm.node.log().size());
        assertSameAnswers(swarm, mirror, alice, id);

        // It keeps following.
        AccountSession bob = swarm.register(2, "bob");
        caughtUp(mirror, swarm.node.log().size());
        assertSameAnswers(swarm, mirror, bob, id);

        // Writes go to the node, with a code that says so.
        NodeHttp.Reply post =
            new NodeHttp(mirror.url())
                .postJson("/v1/tx", TestTransactions.register(SwarmNode.key(3), "carol"));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json().get("error").get("code").asText()).isEqualTo("read_only_mirror");
        assertThat(post.json().get("error").get("message").asText()).contains(swarm.node.url());
        mirror.snapshotter().orElseThrow().snapshot();
      }
      // A restarted mirror serves what it stored and goes on following.
      AccountSession dan = swarm.register(4, "dan");
      try (MirrorNode mirror = mirror(Optional.of(data), swarm, over(swarm.client))) {
        // from its own snapshot (signed by the mirror's key), then the leaves it stored after
        assertThat(mirror.log().restoredFrom()).isPositive();
        caughtUp(mirror, swarm.node.log().size());
        assertSameAnswers(swarm, mirror, dan, id);
        assertThat(mirror.refused()).isEmpty();
      }
    }
  }

  private static void assertSameAnswers(
      SwarmNode swarm, MirrorNode mirror, AccountSession someone, long resultId) {
    long size = swarm.node.log().size();
    NodeHttp node = new NodeHttp(swarm.node.url());
    NodeHttp copy = new NodeHttp(mirror.url());
    List<String> paths =
        List.of(
            "/v1/log/checkpoint",
            "/v1/log/key",
            "/v1/log/entries?start=0&end=" + size,
            "/v1/log/proof/inclusion?index=1&size=" + size,
            "/v1/log/proof/consistency?from=2&to=" + size,
            "/v1/accounts/" + someone.account().hex(),
            "/v1/tracks",
            "/v1/best?track=" + TRACK,
            "/v1/leaderboard?track=" + TRACK,
            "/v1/results",
            "/v1/results/" + resultId,
            "/v1/claims",
            "/v1/hypotheses",
            "/v1/jobs",
            "/v1/checkpoint",
            "/v1/tile/0/000.p/" + size,
            "/v1/tile/entries/000.p/" + size,
            "/v1/accounts/" + "ab".repeat(32));
    for (String p : paths) {
      NodeHttp.Reply a = node.get(p);
      NodeHttp.Reply b = copy.get(p);
      assertThat(b.status()).as(p).isEqualTo(a.status());
      assertThat(b.text()).as(p).isEqualTo(a.text());
    }
    assertThat(node.get("/v1/best?track=" + TRACK).status()).isEqualTo(200);
  }

  // ---- attacks ----

  /** A source that serves the honest node until {@code current} is swapped for an attack. */
  private static final class Tampering implements LogSource {
    final LogSource honest;
    volatile LogSource current;

    Tampering(LogSource honest) {
      this.honest = honest;
      this.current = honest;
    }

    @Override
    public String checkpoint() {
      return current.checkpoint();
    }

    @Override
    public List<byte[]> entries(long start, long end) {
      return current.entries(start, end);
    }

    @Override
    public ConsistencyProof consistency(long from, long to) {
      return current.consistency(from, to);
    }
  }

  /** Follows a node to some size, then switches to {@code attack}: must stop and keep that size. */
  private void assertRefused(
      Function<SwarmNode, Function<LogSource, LogSource>> attack, String reason) {
    try (SwarmNode swarm = new SwarmNode()) {
      swarm.register(1, "alice");
      swarm.register(2, "bob");
      Tampering source = new Tampering(over(swarm.client));
      try (MirrorNode mirror = mirror(Optional.of(dir.resolve("m")), swarm, source)) {
        long verified = swarm.node.log().size();
        caughtUp(mirror, verified);
        String checkpoint = new NodeHttp(mirror.url()).get("/v1/log/checkpoint").text();
        mirror.pause(true);
        swarm.register(3, "carol");
        swarm.register(4, "dan");
        source.current = attack.apply(swarm).apply(source.honest);
        mirror.pause(false);
        SwarmNode.await(
            "the mirror to refuse", Duration.ofSeconds(20), () -> mirror.refused().isPresent());
        assertThat(mirror.refused().get()).contains(reason);
        assertThat(mirror.log().size()).isEqualTo(verified);
        NodeHttp copy = new NodeHttp(mirror.url());
        assertThat(copy.get("/v1/log/checkpoint").text()).isEqualTo(checkpoint);
        assertThat(copy.get("/v1/accounts/" + SwarmNode.key(2).publicKey().hex()).status())
            .isEqualTo(200);
        assertThat(copy.get("/v1/accounts/" + SwarmNode.key(3).publicKey().hex()).status())
            .isEqualTo(404);
      }
    }
  }

  @Test
  void refusesACheckpointNotSignedByThePinnedKey() {
    assertRefused(
        swarm ->
            honest ->
                new Delegate(honest) {
                  @Override
                  public String checkpoint() {
                    var cp =
                        new dev.swarmledger.protocol.checkpoint.CheckpointVerifier(
                                swarm.node.verifierKey())
                            .verify(honest.checkpoint());
                    return new CheckpointSigner(cp.origin(), SwarmNode.key(99))
                        .sign(cp.size(), cp.root());
                  }
                },
        "not signed by the pinned log key");
  }

  @Test
  void refusesTamperedLeaves() {
    assertRefused(
        swarm ->
            honest ->
                new Delegate(honest) {
                  @Override
                  public List<byte[]> entries(long start, long end) {
                    List<byte[]> out = new ArrayList<>(honest.entries(start, end));
                    // Same transaction, another time: a valid leaf, but not the one logged.
                    Leaf l = LeafCodec.decode(out.get(0));
                    out.set(
                        0, LeafCodec.encode(new Leaf(l.index(), l.time().plusMillis(1), l.tx())));
                    return out;
                  }
                },
        "do not hash to the checkpoint's root");
  }

  @Test
  void refusesAForkOfTheLog() {
    // The operator signs a second history: same first leaves, then other ones. The checkpoint is
    // validly signed, but no consistency proof links it to what the mirror verified.
    assertRefused(swarm -> honest -> forked(swarm, honest, false), "no valid consistency proof");
  }

  @Test
  void refusesALogHoldingATransactionTheRulesRefuse() {
    // Signed, consistent and well-formed, but the extra leaf replays a registration: the state
    // machine refuses it, so the mirror does not follow a log an honest node could not have made.
    assertRefused(swarm -> honest -> forked(swarm, honest, true), "refused by the rules");
  }

  /**
   * The honest log up to the mirror's size, then one extra leaf signed by its account, with a
   * checkpoint the operator signed over it. With {@code extend} the extra leaf follows all honest
   * leaves (consistent, but the rules refuse it); without, it replaces them (a fork).
   */
  private static LogSource forked(SwarmNode swarm, LogSource honest, boolean extend) {
    List<byte[]> leaves = new ArrayList<>();
    long honestSize = swarm.node.log().size();
    long keep = extend ? honestSize : 2; // the mirror verified 3 leaves: a fork replaces leaf 2
    leaves.addAll(honest.entries(0, keep));
    // Replays alice's registration (nonce 0 again): a refused transaction.
    byte[] replay =
        LeafCodec.encode(
            new Leaf(
                keep,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                TxCodec.sign(SwarmNode.key(1), 0, new AccountRegister("alice"))));
    leaves.add(replay);
    if (!extend) {
      leaves.set(
          leaves.size() - 1,
          LeafCodec.encode(
              new Leaf(
                  keep,
                  Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                  TxCodec.sign(SwarmNode.key(5), 0, new AccountRegister("eve")))));
      for (int i = 0; leaves.size() < honestSize + 2; i++) {
        leaves.add(
            LeafCodec.encode(
                new Leaf(
                    leaves.size(),
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    TxCodec.sign(SwarmNode.key(60 + i), 0, new AccountRegister("x" + i)))));
      }
    }
    CompactRange range = new CompactRange();
    leaves.forEach(l -> range.append(MerkleHash.leaf(l)));
    String note =
        new CheckpointSigner(swarm.node.log().key().name(), swarm.operatorKey)
            .sign(range.size(), range.root());
    dev.swarmledger.protocol.merkle.MemoryTreeNodes tree =
        new dev.swarmledger.protocol.merkle.MemoryTreeNodes();
    leaves.forEach(l -> tree.append(MerkleHash.leaf(l)));
    return new Delegate(honest) {
      @Override
      public String checkpoint() {
        return note;
      }

      @Override
      public List<byte[]> entries(long start, long end) {
        return leaves.subList((int) start, (int) Math.min(end, leaves.size()));
      }

      @Override
      public ConsistencyProof consistency(long from, long to) {
        return ConsistencyProof.generate(tree, from, to);
      }
    };
  }

  private static class Delegate implements LogSource {
    final LogSource honest;

    Delegate(LogSource honest) {
      this.honest = honest;
    }

    @Override
    public String checkpoint() {
      return honest.checkpoint();
    }

    @Override
    public List<byte[]> entries(long start, long end) {
      return honest.entries(start, end);
    }

    @Override
    public ConsistencyProof consistency(long from, long to) {
      return honest.consistency(from, to);
    }
  }
}
