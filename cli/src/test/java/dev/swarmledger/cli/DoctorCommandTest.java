package dev.swarmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.contributor.JobWorker;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.sandbox.Containment;
import dev.swarmledger.verifier.VerifierDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code swarm doctor} on this host (CI installs bubblewrap), and the verifier's refusal. */
class DoctorCommandTest {
  @TempDir Path state;

  @Test
  void doctorFindsContainmentAndSaysTheHostCanVerify() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = SwarmCli.commandLine().execute("doctor");
    } finally {
      System.setOut(original);
    }
    String report = captured.toString(StandardCharsets.UTF_8);
    assertThat(report)
        .contains("containment  ok: bubblewrap", "backend      ", "java         ", "javacpp      ")
        .containsPattern("class        cpu-[a-z0-9]+-torch[0-9.]+-openblas[0-9.]+-t[0-9]+ ")
        .contains("determinism  ok: a small GPT trained 4 steps twice to the same parameters")
        .contains("ready to verify");
    assertThat(exit).isZero();
  }

  @Test
  void aVerifierWithoutContainmentRefusesToStart() {
    Trainer uncontained =
        new Trainer(TrainerSettings.fromEnvironment(false).withContainment(Containment.NONE));
    assertThatThrownBy(
            () ->
                new VerifierDaemon(
                    new LedgerClient("http://127.0.0.1:9"),
                    SigningKey.fromSeed(new byte[32]),
                    uncontained,
                    state,
                    line -> {},
                    id -> ProgressListener.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refuses to run without containment");
  }

  @Test
  void aWorkerWithoutContainmentRefusesToStart() {
    Trainer uncontained =
        new Trainer(TrainerSettings.fromEnvironment(false).withContainment(Containment.NONE));
    assertThatThrownBy(
            () ->
                new JobWorker(
                    new LedgerClient("http://127.0.0.1:9"),
                    SigningKey.fromSeed(new byte[32]),
                    uncontained,
                    1,
                    state,
                    line -> {},
                    id -> ProgressListener.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refuses to run jobs without containment");
    assertThat(Daemons.uncontained(uncontained, "worker", "the spenders' code"))
        .hasValueSatisfying(m -> assertThat(m).contains("worker: refusing to start"));
  }
}
