package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hardware class is built from measured parts and always fits the ledger's label limit. */
class HardwareClassTest {

  @Test
  void theWidestVectorIsaWins() {
    assertThat(HardwareClass.cpuIsa(Set.of("sse4_2", "avx", "avx2", "avx512f")))
        .isEqualTo("avx512");
    assertThat(HardwareClass.cpuIsa(Set.of("sse4_2", "avx", "avx2"))).isEqualTo("avx2");
    assertThat(HardwareClass.cpuIsa(Set.of("sse4_1"))).isEqualTo("sse4");
    assertThat(HardwareClass.cpuIsa(Set.of("fp", "asimd"))).isEqualTo("neon");
  }

  @Test
  void aCpuClassNamesIsaLibrariesAndThreads() {
    assertThat(HardwareClass.cpu("avx2", "2.10.0", "0.3.31", 4))
        .isEqualTo("cpu-avx2-torch2.10.0-openblas0.3.31-t4");
  }

  @Test
  void aCudaClassNamesCapabilityLibrariesAndTheDeterminismInForceButNotTheProduct() {
    Determinism.Settings enforced = new Determinism.Settings(true, ":4096:8", "math", false);
    String h100 = HardwareClass.cuda("sm90", "2.11.0", "13.0", "9.19", enforced);
    assertThat(h100).isEqualTo("cuda-sm90-torch2.11.0-cu13.0-cudnn9.19-det-math");
    // An H200 measures the same parts: it is the same class.
    assertThat(HardwareClass.cuda("sm90", "2.11.0", "13.0", "9.19", enforced)).isEqualTo(h100);
  }

  @Test
  void aRunWithoutTheHarnessSettingsIsMarkedNondeterministic() {
    String noWorkspace =
        HardwareClass.cuda(
            "sm89",
            "2.10.0",
            "13.1",
            "9.19",
            new Determinism.Settings(true, "", "efficient", false));
    assertThat(noWorkspace).isEqualTo("cuda-sm89-torch2.10.0-cu13.1-cudnn9.19-nondet");
    String off =
        HardwareClass.cuda(
            "sm90",
            "2.10.0",
            "13.1",
            "9.19",
            new Determinism.Settings(false, ":4096:8", "math", true));
    assertThat(off)
        .isEqualTo("cuda-sm90-torch2.10.0-cu13.1-cudnn9.19-nondet-tf32")
        .hasSizeLessThanOrEqualTo(HardwareClass.MAX_LENGTH);
  }

  @Test
  void theDriversAnswerGivesNameAndCapability() {
    GpuProbe.Gpu gpu = GpuProbe.parse("NVIDIA H200, 9.0\n").orElseThrow();
    assertThat(gpu.name()).isEqualTo("NVIDIA H200");
    assertThat(gpu.capability()).isEqualTo("sm90");
    assertThat(gpu.handed()).isEqualTo("NVIDIA H200;9.0");
    assertThat(GpuProbe.parse("NVIDIA B200, 10.0").orElseThrow().capability()).isEqualTo("sm100");
    assertThat(GpuProbe.parse("No devices were found")).isEmpty();
  }

  @Test
  void thisMachinesClassIsMeasured() throws Exception {
    String measured = HardwareClass.local(1);
    assertThat(measured)
        .matches("cpu-[a-z0-9]+-torch[0-9.]+-openblas[0-9.]+-t1")
        .hasSizeLessThanOrEqualTo(HardwareClass.MAX_LENGTH);
  }
}
