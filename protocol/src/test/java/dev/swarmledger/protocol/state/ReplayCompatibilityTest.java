package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.results.Result;
import dev.swarmledger.protocol.tx.LeafCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stored log (written by {@link ReplayFixture}) with the state root after each leaf. Replaying it
 * with today's code must give the same root at every step, so a change of the log format or of the
 * state root is always a deliberate one: regenerate the file and say why in the commit. It was last
 * regenerated when FLOP quantities became strings of digits and genesis gained the enwik8 track (a
 * zipped data set with its archive hash and an exact byte split); before that for compute budgets,
 * leases, pending credits and verified values; and a log written before the split into transaction
 * families replayed to identical roots.
 */
class ReplayCompatibilityTest {
  @Test
  void theStoredLogReplaysToTheSameRootAfterEveryLeaf() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("/replay/fixture.log")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(lines).hasSizeGreaterThan(30);
    LedgerState state = new LedgerState();
    for (String line : lines) {
      String[] parts = line.split(" ");
      byte[] leaf = Base64.getDecoder().decode(parts[0]);
      StateMachine.apply(state, LeafCodec.decode(leaf));
      assertThat(StateDigest.root(state).hex())
          .as("state root after leaf %d", state.size() - 1)
          .isEqualTo(parts[1]);
    }
    List<Result> results = List.copyOf(state.results().values());
    assertThat(results).extracting(Result::status).contains(Result.Status.values());
    assertThat(results).anyMatch(Result::becameBest);
    assertThat(results).anyMatch(r -> !r.excluded().isEmpty());
    assertThat(results).anyMatch(r -> !r.sampled() && r.status() == Result.Status.REJECTED);
    assertThat(state.burned()).isPositive();
  }

  @Test
  void theStoredLogIsWhatTheFixtureBuildsToday() throws IOException {
    String stored;
    try (InputStream in = getClass().getResourceAsStream("/replay/fixture.log")) {
      stored = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(ReplayFixture.render(ReplayFixture.build())).isEqualTo(stored);
  }
}
