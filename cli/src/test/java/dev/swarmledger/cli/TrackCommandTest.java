package dev.swarmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.node.LedgerNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.protocol.api.TrackView;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackSpec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarm track create} puts a track on the ledger; a noisy one is refused. */
class TrackCommandTest {
  @TempDir Path dir;

  @Test
  void theOperatorCreatesATrackThatEveryoneThenReadsFromTheLedger() throws Exception {
    SigningKey operator = SigningKey.generate(new SecureRandom());
    Path keyFile = dir.resolve("operator.key");
    KeyFiles.write(keyFile, operator);
    try (LedgerNode node =
        LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, operator))) {
      TrackSpec base = DefaultTracks.SHAKESPEARE_CHAR;
      String[] common = {
        "--node", node.url(),
        "--key", keyFile.toString(),
        "--data-url", base.data().url(),
        "--data-sha256", base.data().sha256().hex(),
        "--data-bytes", Long.toString(base.data().bytes()),
        "--budget-flops", "1000000000000",
      };
      int noisy =
          SwarmCli.commandLine()
              .execute(
                  concat(
                      new String[] {"track", "create", "--id", "noisy"},
                      common,
                      new String[] {"--tolerance", "0.02", "--min-improvement", "0.01"}));
      assertThat(noisy).isNotZero();
      int created =
          SwarmCli.commandLine()
              .execute(
                  concat(
                      new String[] {"track", "create", "--id", "half-budget"},
                      common,
                      new String[] {"--tolerance", "0.001", "--min-improvement", "0.01"}));
      assertThat(created).isZero();
      assertThat(new LedgerClient(node.url()).tracks())
          .extracting(TrackView::spec)
          .extracting(TrackSpec::id, TrackSpec::budgetFlops)
          .contains(
              org.assertj.core.groups.Tuple.tuple("half-budget", 1_000_000_000_000L),
              org.assertj.core.groups.Tuple.tuple(base.id(), base.budgetFlops()))
          .noneMatch(t -> t.toList().contains("noisy"));
    }
  }

  @Test
  void aZippedTrackWithAnExactSplitAndAGpuBudgetTravelsThroughTheApiIntact() throws Exception {
    SigningKey operator = SigningKey.generate(new SecureRandom());
    Path keyFile = dir.resolve("operator.key");
    KeyFiles.write(keyFile, operator);
    try (LedgerNode node =
        LedgerNode.start(NodeConfig.of(Optional.empty(), "127.0.0.1", 0, operator))) {
      TrackSpec e = DefaultTracks.ENWIK8;
      int created =
          SwarmCli.commandLine()
              .execute(
                  "track",
                  "create",
                  "--id",
                  "enwik8-long",
                  "--node",
                  node.url(),
                  "--key",
                  keyFile.toString(),
                  "--data-url",
                  e.data().url(),
                  "--data-sha256",
                  e.data().sha256().hex(),
                  "--data-bytes",
                  "100000000",
                  "--zip-entry",
                  "enwik8",
                  "--zip-sha256",
                  e.data().zipSha256().orElseThrow().hex(),
                  "--train-bytes",
                  "90000000",
                  "--validation-bytes",
                  "5000000",
                  "--budget-flops",
                  "30000000000000000",
                  "--tolerance",
                  "0.005",
                  "--min-improvement",
                  "0.01");
      assertThat(created).isZero();

      LedgerClient client = new LedgerClient(node.url());
      assertThat(client.tracks())
          .extracting(TrackView::spec)
          .contains(
              e,
              new TrackSpec(
                  "enwik8-long",
                  e.workload(),
                  e.data(),
                  30_000_000_000_000_000L,
                  0.005,
                  0.01,
                  1,
                  2,
                  e.split()));
    }
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
