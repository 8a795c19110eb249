package dev.swarmledger.cli;

import static dev.swarmledger.cli.InProcessSwarm.swarm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code swarm audit run}: a local run re-run as a verifier would, judged by the verdict rule (how
 * a GPU contributor checks that another machine is of the same class before publishing).
 */
class AuditRunCommandTest {
  @TempDir static Path folder;
  static Path source;
  static Path record;

  @BeforeAll
  static void runOnce() throws Exception {
    source = folder.resolve("TinyBaseline.java");
    try (InputStream in = AuditRunCommandTest.class.getResourceAsStream("/e2e/TinyBaseline.java")) {
      Files.write(source, in.readAllBytes());
    }
    InProcessSwarm.Captured run =
        swarm(
            "run",
            source.toString(),
            "--track",
            "shakespeare-char",
            "--steps",
            "2",
            "--threads",
            "1",
            "--json");
    assertThat(run.exit()).as(run.out()).isZero();
    record = folder.resolve("run.json");
    Files.writeString(record, run.out());
  }

  @Test
  void anHonestRecordIsReproducedExactly() {
    InProcessSwarm.Captured audit = swarm("audit", "run", record.toString(), source.toString());
    assertThat(audit.out()).contains("verdict: exact");
    assertThat(audit.exit()).isZero();
  }

  @Test
  void aRecordClaimingABetterValueThanItsRunIsAMismatch() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode claimed = (ObjectNode) mapper.readTree(Files.readString(record));
    claimed.put("val_bpb", claimed.get("val_bpb").asDouble() - 0.5);
    Path forged = folder.resolve("forged.json");
    Files.writeString(forged, mapper.writeValueAsString(claimed));

    InProcessSwarm.Captured audit =
        swarm("audit", "run", forged.toString(), source.toString(), "--json");
    assertThat(mapper.readTree(audit.out()).get("verdict").asText()).isEqualTo("mismatch");
    assertThat(audit.exit()).isEqualTo(ExitCodes.FAILED);
  }
}
