package dev.swarmledger.node.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.TestTransactions;
import dev.swarmledger.protocol.accounts.AccountRegister;
import dev.swarmledger.protocol.checkpoint.NoteSigner;
import dev.swarmledger.protocol.claims.ClaimCreate;
import dev.swarmledger.protocol.claims.HypothesisCreate;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.VerifierGrant;
import dev.swarmledger.protocol.state.LedgerState;
import dev.swarmledger.protocol.state.StateDigest;
import dev.swarmledger.protocol.state.StateSnapshot;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tx.TxBody;
import dev.swarmledger.protocol.tx.TxCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node restarts from its newest valid snapshot plus the leaves after it, to the very state a full
 * replay builds; a torn, altered, foreign, too-new or wrongly-rooted snapshot is skipped and the
 * log wins.
 */
class SnapshotRestartTest {
  private static final SigningKey OPERATOR = TestTransactions.key(11);

  @TempDir Path dir;

  private final Map<SigningKey, Long> nonces = new HashMap<>();

  private NodeConfig config(Path data, SigningKey operator) {
    // Snapshots only when the test asks: every 10^9 leaves never comes.
    return NodeConfig.of(Optional.of(data), "127.0.0.1", 0, operator)
        .withSnapshots(SnapshotPolicy.every(1_000_000_000L));
  }

  private void submit(LedgerNode node, SigningKey key, TxBody body) throws Exception {
    long nonce = nonces.getOrDefault(key, key.equals(OPERATOR) ? 1L : 0L);
    node.sequencer().submit(TxCodec.sign(key, nonce, body)).get();
    nonces.put(key, nonce + 1);
  }

  /** A few leaves of several families, from accounts {@code from..from+3}. */
  private void traffic(LedgerNode node, int from) throws Exception {
    String track = DefaultTracks.SHAKESPEARE_CHAR.id();
    for (int i = from; i < from + 4; i++) {
      SigningKey k = TestTransactions.key(100 + i);
      submit(node, k, new AccountRegister("user" + i));
      submit(
          node,
          k,
          new ClaimCreate(
              track,
              "alpha" + i + " beta" + i + " gamma" + i,
              OptionalLong.empty(),
              Hash.sha256(new byte[] {(byte) i})));
      submit(node, k, new HypothesisCreate(track, "idea " + i, "text", "change", List.of(), 1));
    }
    submit(node, OPERATOR, new VerifierGrant(TestTransactions.key(100 + from).publicKey(), "cpu"));
  }

  private static SnapshotStore store(Path data) {
    return new SnapshotStore(
        data.resolve("snapshots"),
        NodeConfig.DEFAULT_ORIGIN,
        new NoteSigner(NodeConfig.DEFAULT_ORIGIN, OPERATOR));
  }

  private record Seen(long size, Hash root, String describe) {}

  private static Seen seen(LedgerNode node) {
    return node.log()
        .read(s -> new Seen(s.size(), StateDigest.root(s), StateDigest.describe(s).toString()));
  }

  /** A node with a snapshot at some size and more leaves after it; returns what it saw. */
  private Seen nodeWithSnapshotAndTail(Path data) throws Exception {
    try (LedgerNode node = LedgerNode.start(config(data, OPERATOR))) {
      traffic(node, 0);
      long at = node.snapshotter().orElseThrow().snapshot();
      assertThat(at).isEqualTo(node.log().size());
      traffic(node, 10);
      return seen(node);
    }
  }

  @Test
  void restartsFromTheSnapshotToTheStateOfAFullReplay() throws Exception {
    Path data = dir.resolve("a");
    Seen before = nodeWithSnapshotAndTail(data);
    SnapshotStore store = store(data);
    long snapshotSize = store.sizes().get(0);
    assertThat(snapshotSize).isBetween(2L, before.size() - 1);

    try (LedgerNode node = LedgerNode.start(config(data, OPERATOR))) {
      assertThat(node.log().restoredFrom()).isEqualTo(snapshotSize);
      assertThat(seen(node)).isEqualTo(before);
      // and it goes on appending where the log ends
      traffic(node, 20);
    }
    // With every snapshot gone, the full replay agrees.
    for (Path p : store.files()) {
      Files.delete(p);
    }
    try (LedgerNode node = LedgerNode.start(config(data, OPERATOR))) {
      assertThat(node.log().restoredFrom()).isZero();
      assertThat(node.log().size()).isGreaterThan(before.size());
    }
  }

  @Test
  void writtenAutomaticallyEveryNLeavesKeepingTheNewestFew() throws Exception {
    Path data = dir.resolve("auto");
    NodeConfig c =
        NodeConfig.of(Optional.of(data), "127.0.0.1", 0, OPERATOR)
            .withSnapshots(new SnapshotPolicy(true, 5, java.time.Duration.ofHours(1), 2));
    SnapshotStore store = store(data);
    Seen before;
    try (LedgerNode node = LedgerNode.start(c)) {
      for (int round = 0; round < 4; round++) {
        traffic(node, 10 * round);
        long size = node.log().size();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (store.sizes().stream().noneMatch(s -> s > size - 13)
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      before = seen(node);
    }
    assertThat(store.sizes()).hasSize(2);
    assertThat(Files.list(store.dir()).map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
    try (LedgerNode node = LedgerNode.start(c)) {
      assertThat(node.log().restoredFrom()).isEqualTo(store.sizes().get(0));
      assertThat(seen(node)).isEqualTo(before);
    }
  }

  @Test
  void aTruncatedSnapshotIsIgnored() throws Exception {
    assertIgnored(
        (file, data) -> {
          byte[] b = Files.readAllBytes(file);
          Files.write(file, Arrays.copyOf(b, b.length / 2));
        });
  }

  @Test
  void aFlippedByteIsIgnored() throws Exception {
    assertIgnored(
        (file, data) -> {
          byte[] b = Files.readAllBytes(file);
          b[b.length / 2] ^= 0x01;
          Files.write(file, b);
        });
  }

  @Test
  void aSnapshotWhoseDigestsWereRewrittenIsIgnored() throws Exception {
    // The state changed and the header's body hash and state root made to match it: without the
    // node's key the header's signature no longer verifies.
    assertIgnored((file, data) -> Files.write(file, rewritten(file, Optional.empty())));
  }

  @Test
  void aSnapshotResignedByAnotherKeyIsIgnored() throws Exception {
    assertIgnored(
        (file, data) ->
            Files.write(
                file,
                rewritten(
                    file,
                    Optional.of(
                        new NoteSigner(NodeConfig.DEFAULT_ORIGIN, TestTransactions.key(13))))));
  }

  /**
   * The snapshot with one more leaf of time in its state (a different state), its header's body
   * hash and state root updated, signed again by {@code resign} or kept with the old signature.
   */
  private static byte[] rewritten(Path file, Optional<NoteSigner> resign) throws Exception {
    byte[] b = Files.readAllBytes(file);
    int noteLength = ByteBuffer.wrap(b).getInt();
    String note = new String(b, 4, noteLength, StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOfRange(b, 4 + noteLength, b.length);
    LedgerState state = StateSnapshot.decode(body);
    LedgerState other = StateSnapshot.decode(body);
    // Same size, different contents: an account's balance raised.
    byte[] changed = StateSnapshot.encode(other);
    int at = indexOf(changed, "user0".getBytes(StandardCharsets.UTF_8)) + 5 + 8 + 7;
    changed[at] ^= 0x40;
    LedgerState forged = StateSnapshot.decode(changed);
    assertThat(StateDigest.root(forged)).isNotEqualTo(StateDigest.root(state));
    String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
    String signature = note.substring(note.lastIndexOf("\n\n") + 1);
    String newText =
        text.replaceAll("state [0-9a-f]{64}", "state " + StateDigest.root(forged).hex())
            .replaceAll("body [0-9a-f]{64}", "body " + Hash.sha256(changed).hex());
    assertThat(newText).isNotEqualTo(text);
    String newNote = resign.isPresent() ? resign.get().sign(newText) : newText + signature;
    byte[] n = newNote.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + n.length + changed.length)
        .putInt(n.length)
        .put(n)
        .put(changed)
        .array();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void aSnapshotOfAnotherLogIsIgnored() throws Exception {
    // Another log of the same operator and origin (say, the data folder was rebuilt), with a
    // snapshot at the same size: signed by the right key, but the log's root differs.
    assertIgnored(
        (file, data) -> {
          Path other = dir.resolve("other");
          long size = Long.parseLong(file.getFileName().toString().replaceAll("\\D", ""));
          try (LedgerNode node = LedgerNode.start(config(other, OPERATOR))) {
            for (int i = 0; node.log().size() < size; i++) {
              node.sequencer()
                  .submit(
                      TxCodec.sign(TestTransactions.key(500 + i), 0, new AccountRegister("o" + i)))
                  .get();
            }
            node.snapshotter().orElseThrow().snapshot();
          }
          Path theirs = store(other).file(size);
          Files.copy(theirs, file, StandardCopyOption.REPLACE_EXISTING);
        });
  }

  @Test
  void aSnapshotBeyondTheLogsSizeIsIgnored() throws Exception {
    // A longer log's snapshot (same operator, same first leaves) dropped into a shorter log.
    assertIgnored(
        (file, data) -> {
          Path longer = dir.resolve("longer");
          Seen l;
          try (LedgerNode node = LedgerNode.start(config(longer, OPERATOR))) {
            nonces.clear();
            traffic(node, 0);
            traffic(node, 10);
            traffic(node, 30);
            node.snapshotter().orElseThrow().snapshot();
            l = seen(node);
          }
          SnapshotStore theirs = store(longer);
          Files.copy(
              theirs.file(l.size()),
              file.resolveSibling(theirs.file(l.size()).getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
          Files.delete(file);
        });
  }

  @Test
  void aBadNewestSnapshotFallsBackToAnOlderGoodOne() throws Exception {
    Path data = dir.resolve("two");
    Seen before;
    long older;
    try (LedgerNode node = LedgerNode.start(config(data, OPERATOR))) {
      traffic(node, 0);
      older = node.snapshotter().orElseThrow().snapshot();
      traffic(node, 10);
      long newer = node.snapshotter().orElseThrow().snapshot();
      traffic(node, 20);
      before = seen(node);
      Path f = store(data).file(newer);
      byte[] b = Files.readAllBytes(f);
      Files.write(f, Arrays.copyOf(b, b.length - 1));
    }
    try (LedgerNode node = LedgerNode.start(config(data, OPERATOR))) {
      assertThat(node.log().restoredFrom()).isEqualTo(older);
      assertThat(seen(node)).isEqualTo(before);
    }
  }

  private interface Damage {
    void apply(Path snapshot, Path data) throws Exception;
  }

  /** Damages the only snapshot; the restart then replays every leaf to the same state. */
  private void assertIgnored(Damage damage) throws Exception {
    Path data = dir.resolve("node");
    Seen before = nodeWithSnapshotAndTail(data);
    SnapshotStore store = store(data);
    assertThat(store.files()).hasSize(1);
    damage.apply(store.files().get(0), data);
    try (LedgerNode node = LedgerNode.start(config(data, OPERATOR))) {
      assertThat(node.log().restoredFrom()).isZero();
      assertThat(seen(node)).isEqualTo(before);
    }
  }
}
