package dev.swarmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void theDemosImprovementIsAValidDistinctExperimentWithADistinctDescription() throws Exception {
    String baseline;
    try (InputStream in = DemoCommand.class.getResourceAsStream("/experiments/Baseline.java")) {
      baseline = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String improved = DemoCommand.improvedVersionOf(baseline);

    assertThat(improved).isNotEqualTo(baseline).contains("BATCH_ROWS = 8;");
    assertThat(ContributeCommand.firstComment(improved))
        .isNotEqualTo(ContributeCommand.firstComment(baseline))
        .startsWith("More steps in the same FLOP budget");
    // It passes the allowlist and compiles, as the contributor's trainer will require.
    new Trainer(TrainerSettings.fromEnvironment(false)).check(improved);
  }
}
