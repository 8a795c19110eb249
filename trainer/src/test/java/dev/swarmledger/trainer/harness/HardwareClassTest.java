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
  void aCudaClassShortensTheGpuNameToFitSixtyFourCharacters() {
    String h100 =
        HardwareClass.cuda(
            "NVIDIA H100 80GB HBM3", "sm90", "2.10.0", "13.1", "9.19", true, "float32");
    assertThat(h100).isEqualTo("cuda-h100-80gb-hbm3-sm90-torch2.10.0-cu13.1-cudnn9.19-det-fp32");
    String longName =
        HardwareClass.cuda(
            "NVIDIA GeForce RTX 4090 Laptop GPU with a very long marketing name",
            "sm89",
            "2.10.0",
            "13.1",
            "9.19",
            false,
            "bfloat16");
    assertThat(longName)
        .hasSizeLessThanOrEqualTo(HardwareClass.MAX_LENGTH)
        .startsWith("cuda-geforce-rtx")
        .endsWith("-sm89-torch2.10.0-cu13.1-cudnn9.19-nondet-bf16");
  }

  @Test
  void thisMachinesClassIsMeasured() throws Exception {
    String measured = HardwareClass.local(1);
    assertThat(measured)
        .matches("cpu-[a-z0-9]+-torch[0-9.]+-openblas[0-9.]+-t1")
        .hasSizeLessThanOrEqualTo(HardwareClass.MAX_LENGTH);
  }
}
