package dev.swarmledger.protocol.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.tx.LeafCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A log written by an earlier version of the rules (every transaction type, verified and rejected
 * results, a revoked verifier, a transfer), with the state root after each leaf. Replaying it with
 * today's code must give the same root at every step: a change of the log format or of the state
 * root is then a deliberate one, made by regenerating this file and saying why.
 */
class ReplayCompatibilityTest {
  @Test
  void logWrittenBeforeTheFamilySplitReplaysToTheSameRoots() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("/replay/pre-families.log")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(lines).hasSizeGreaterThan(20);
    LedgerState state = new LedgerState();
    for (String line : lines) {
      String[] parts = line.split(" ");
      byte[] leaf = Base64.getDecoder().decode(parts[0]);
      StateMachine.apply(state, LeafCodec.decode(leaf));
      assertThat(StateDigest.root(state).hex())
          .as("state root after leaf %d", state.size() - 1)
          .isEqualTo(parts[1]);
    }
    assertThat(state.results()).hasSize(4);
    assertThat(state.minted()).isPositive();
  }
}
