package dev.swarmledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a host without an NVIDIA device (CI, this project's machines), through the CLI: {@code swarm
 * doctor} says exactly what CUDA lacks, and {@code swarm run --device cuda} fails at once with the
 * same words instead of starting libtorch in a child.
 */
class CudaOnACpuHostTest {
  /** What one command printed, and its exit code. */
  record Outcome(int exit, String out, String err) {}

  @BeforeAll
  static void onlyWhereThereIsNoGpu() {
    assumeFalse(Files.exists(Path.of("/dev/nvidiactl")), "this host has an NVIDIA device");
  }

  static Outcome swarm(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      exit = SwarmCli.commandLine().execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Outcome(
        exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void doctorJsonListsWhatCudaLacksAndARunThatRequiresCudaFailsWithThoseWords() throws Exception {
    Outcome doctor = swarm("doctor", "--json");
    JsonNode report = new ObjectMapper().readTree(doctor.out());
    JsonNode cuda = report.get("cuda");
    assertThat(report.get("backend").asText()).isEqualTo("cpu");
    assertThat(cuda.get("usable").asBoolean()).isFalse();
    assertThat(cuda.get("device_node").asBoolean()).isFalse();
    assertThat(cuda.get("ld_library_path_added")).isEmpty();
    List<String> problems = new ArrayList<>();
    cuda.get("problems").forEach(p -> problems.add(p.asText()));
    assertThat(problems)
        .first()
        .asString()
        .startsWith("no NVIDIA device: /dev/nvidiactl is missing");
    assertThat(cuda.get("libraries")).hasSize(9);
    // The exit code follows the verifier's needs only: CUDA is reported, never required.
    assertThat(doctor.exit())
        .isEqualTo(report.get("ready_to_verify").asBoolean() ? ExitCodes.OK : ExitCodes.HOST_UNFIT);

    Outcome run = swarm("run", "experiments/Baseline.java", "--device", "cuda", "--steps", "1");

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("run void: BACKEND_UNAVAILABLE: " + cuda.get("message").asText())
        .contains(problems)
        // Failed before any phase: nothing was compiled or trained.
        .doesNotContain("run: compile", "run: data");
  }

  @Test
  void doctorsTextShowsTheBackendSection() {
    Outcome doctor = swarm("doctor");

    assertThat(doctor.out())
        .contains(
            "backend      cpu (cuda cannot be used here: see missing)",
            "gpu          none (no /dev/nvidiactl)",
            "libraries    libtorch_cuda.so ",
            "             libcudnn.so.9 ",
            "missing      no NVIDIA device: /dev/nvidiactl is missing",
            "ld path      runs use this process's LD_LIBRARY_PATH")
        .containsPattern("jni          (cpu|gpu) build \\(")
        .containsPattern("folders      .*PyTorch wheel");
  }
}
