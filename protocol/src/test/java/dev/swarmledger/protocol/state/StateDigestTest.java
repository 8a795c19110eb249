package dev.swarmledger.protocol.state;

import static dev.swarmledger.protocol.state.SwarmLog.CPU;
import static dev.swarmledger.protocol.state.SwarmLog.result;
import static dev.swarmledger.protocol.state.SwarmLog.run;
import static dev.swarmledger.protocol.state.SwarmLog.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.results.AttestationSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state root describes everything a transition recorded. */
class StateDigestTest {
  private static Hash rootAfterAttesting(List<Hash> segments) {
    SwarmLog log = new SwarmLog();
    SigningKey alice = log.register(1, "alice");
    SigningKey v1 = log.verifier(2, "v1", CPU);
    SigningKey v2 = log.verifier(3, "v2", CPU);
    RunSummary run = run(1.5, 10_000_000_000L, "p", CPU);
    long id = log.next();
    log.apply(alice, result(source("a"), run));
    PublicKey first = log.result(id).assigned().get(0);
    SigningKey signer = first.equals(v1.publicKey()) ? v1 : v2;
    log.apply(
        signer,
        new AttestationSubmit(
            id,
            Verdict.EXACT,
            run.valBpb(),
            run.flops(),
            run.finalParamHash(),
            segments,
            3.0,
            CPU,
            Optional.empty()));
    return StateDigest.root(log.state);
  }

  @Test
  void attestationSegmentHashesAreInTheRoot() {
    Hash seg = Hash.sha256("segment".getBytes(StandardCharsets.UTF_8));
    assertThat(rootAfterAttesting(List.of(seg))).isNotEqualTo(rootAfterAttesting(List.of()));
    assertThat(rootAfterAttesting(List.of(seg))).isEqualTo(rootAfterAttesting(List.of(seg)));
  }

  /** The streamed, parallel root hashes exactly the canonical form of {@code describe}. */
  static void rootIsTheHashOfTheDescription(LedgerState s) {
    assertThat(StateDigest.root(s))
        .isEqualTo(
            Hash.sha256(
                dev.swarmledger.protocol.json.StrictJson.canonical(StateDigest.describe(s))));
  }

  @Test
  void streamedRootEqualsTheHashOfTheWholeDescription() {
    rootIsTheHashOfTheDescription(new LedgerState());
    SwarmLog log = new SwarmLog();
    // More accounts than one parallel chunk, so chunk seams are covered.
    for (int i = 0; i < 5000; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) i;
      seed[1] = (byte) (i >> 8);
      seed[2] = 0x77;
      log.apply(
          dev.swarmledger.protocol.crypto.SigningKey.fromSeed(seed),
          new dev.swarmledger.protocol.accounts.AccountRegister("user" + i));
    }
    rootIsTheHashOfTheDescription(log.state);
    rootAfterAttesting(List.of());
  }

  @Test
  void emptyStateHasARoot() {
    assertThat(StateDigest.describe(new LedgerState()).get("size").asLong()).isZero();
  }
}
