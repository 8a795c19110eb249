package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.tx.Leaf;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A state read back from its snapshot, then driven by the leaves after it, is the state a full
 * replay builds: same root, same views, same events. Checked at every size of the replay fixture,
 * which holds every transaction type and every result outcome.
 */
class StateSnapshotTest {
  private static final List<Leaf> LEAVES = new ArrayList<>();

  @BeforeAll
  static void readFixture() throws IOException {
    try (InputStream in = StateSnapshotTest.class.getResourceAsStream("/replay/fixture.log")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .forEach(l -> LEAVES.add(LeafCodec.decode(Base64.getDecoder().decode(l.split(" ")[0]))));
    }
  }

  @Test
  void snapshotPlusTailEqualsFullReplayAtEverySize() {
    LedgerState full = new LedgerState();
    List<List<StateEvent>> fullEvents = new ArrayList<>();
    for (Leaf l : LEAVES) {
      fullEvents.add(StateMachine.apply(full, l));
    }
    LedgerState prefix = new LedgerState();
    for (int k = 0; k <= LEAVES.size(); k++) {
      byte[] bytes = StateSnapshot.encode(prefix);
      LedgerState restored = StateSnapshot.decode(bytes);
      assertThat(StateDigest.root(restored)).isEqualTo(StateDigest.root(prefix));
      assertThat(StateSnapshot.encode(restored)).as("re-encoded at size %d", k).isEqualTo(bytes);
      for (int i = k; i < LEAVES.size(); i++) {
        assertThat(StateMachine.apply(restored, LEAVES.get(i)))
            .as("events of leaf %d after a snapshot at %d", i, k)
            .isEqualTo(fullEvents.get(i));
      }
      assertSameState(restored, full);
      if (k < LEAVES.size()) {
        StateMachine.apply(prefix, LEAVES.get(k));
      }
    }
    // The fixture exercises what the snapshot must carry.
    assertThat(full.results().values()).anyMatch(r -> !r.attestations().isEmpty());
    assertThat(full.results().values()).anyMatch(r -> !r.leases().isEmpty());
    assertThat(full.hypotheses()).isNotEmpty();
    assertThat(full.claims()).extracting(Claim::status).contains(Claim.Status.RELEASED);
    assertThat(full.jobs().values()).anyMatch(j -> j.settlement().isPresent());
    assertThat(full.jobs().values()).anyMatch(j -> !j.history().isEmpty());
    assertThat(full.allBlobReferences()).isNotEmpty();
    assertThat(full.anchors()).isNotEmpty();
  }

  @Test
  void aCopyIsIndependentOfTheLiveState() {
    LedgerState live = new LedgerState();
    for (int i = 0; i < LEAVES.size() / 2; i++) {
      StateMachine.apply(live, LEAVES.get(i));
    }
    LedgerState copy = live.copy();
    var root = StateDigest.root(copy);
    for (int i = LEAVES.size() / 2; i < LEAVES.size(); i++) {
      StateMachine.apply(live, LEAVES.get(i));
    }
    assertThat(StateDigest.root(copy)).isEqualTo(root);
    assertThat(StateSnapshot.encode(copy))
        .isEqualTo(StateSnapshot.encode(StateSnapshot.decode(StateSnapshot.encode(copy))));
    for (int i = LEAVES.size() / 2; i < LEAVES.size(); i++) {
      StateMachine.apply(copy, LEAVES.get(i));
    }
    assertSameState(copy, live);
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] bytes = fullSnapshot();
    for (int n = 0; n < bytes.length; n += Math.max(1, bytes.length / 500)) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThatThrownBy(() -> StateSnapshot.decode(cut))
          .as("cut at %d of %d", n, bytes.length)
          .isInstanceOf(StateSnapshot.Malformed.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> StateSnapshot.decode(longer))
        .isInstanceOf(StateSnapshot.Malformed.class)
        .hasMessageContaining("after the last section");
  }

  @Test
  void anotherVersionOrNoSnapshotAtAllIsRefused() {
    byte[] bytes = fullSnapshot();
    int versionAt = "swarmledger/state\n".length();
    ByteBuffer.wrap(bytes).putInt(versionAt, StateSnapshot.VERSION + 1);
    assertThatThrownBy(() -> StateSnapshot.decode(bytes))
        .isInstanceOf(StateSnapshot.Malformed.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> StateSnapshot.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StateSnapshot.Malformed.class);
  }

  private static byte[] fullSnapshot() {
    LedgerState s = new LedgerState();
    LEAVES.forEach(l -> StateMachine.apply(s, l));
    return StateSnapshot.encode(s);
  }

  /** Same root, and the same answers from the indexes the root does not list directly. */
  static void assertSameState(LedgerState actual, LedgerState expected) {
    assertThat(StateDigest.describe(actual)).isEqualTo(StateDigest.describe(expected));
    assertThat(StateDigest.root(actual)).isEqualTo(StateDigest.root(expected));
    assertThat(actual.pendingResults()).isEqualTo(expected.pendingResults());
    assertThat(actual.challengeableResults()).isEqualTo(expected.challengeableResults());
    assertThat(actual.allBest()).containsExactlyElementsOf(expected.allBest());
    assertThat(List.copyOf(actual.results().values()))
        .isEqualTo(List.copyOf(expected.results().values()));
    for (var a : expected.accounts()) {
      assertThat(actual.accountByName(a.name())).contains(a);
    }
    for (Result r : expected.results().values()) {
      assertThat(actual.resultWithSource(r.track(), r.submission().sourceSha256()))
          .isEqualTo(expected.resultWithSource(r.track(), r.submission().sourceSha256()));
    }
    assertThat(List.copyOf(actual.jobs().values()))
        .isEqualTo(List.copyOf(expected.jobs().values()));
    assertThat(actual.activeJobs()).isEqualTo(expected.activeJobs());
    assertThat(actual.allBlobReferences()).isEqualTo(expected.allBlobReferences());
    assertThat(List.copyOf(actual.anchors())).isEqualTo(List.copyOf(expected.anchors()));
    for (var a : expected.anchors()) {
      assertThat(actual.latestAnchor(a.record().chainId(), a.record().contract()))
          .isEqualTo(expected.latestAnchor(a.record().chainId(), a.record().contract()));
      assertThat(actual.anchorByTransaction(a.record().chainId(), a.record().txHash()))
          .isEqualTo(expected.anchorByTransaction(a.record().chainId(), a.record().txHash()));
    }
    assertThat(actual.lastTime()).isEqualTo(expected.lastTime());
    assertThat(actual.size()).isEqualTo(expected.size());
  }
}
