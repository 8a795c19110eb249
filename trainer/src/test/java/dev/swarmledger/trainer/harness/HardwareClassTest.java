package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.protocol.tx.BodyFields;
import java.util.List;
import java.util.Optional;
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
  void aCardIsNamedByItsModelAsTheDriverReportsIt() {
    assertThat(HardwareClass.cardSlug("NVIDIA H100 80GB HBM3")).isEqualTo("h100-80gb-hbm3");
    assertThat(HardwareClass.cardSlug("NVIDIA H100 PCIe")).isEqualTo("h100-pcie");
    assertThat(HardwareClass.cardSlug("NVIDIA H100 NVL")).isEqualTo("h100-nvl");
    assertThat(HardwareClass.cardSlug("NVIDIA H200")).isEqualTo("h200");
    assertThat(HardwareClass.cardSlug("NVIDIA A100-SXM4-40GB")).isEqualTo("a100-sxm4-40gb");
    assertThat(HardwareClass.cardSlug("NVIDIA A100-SXM4-80GB")).isEqualTo("a100-sxm4-80gb");
    assertThat(HardwareClass.cardSlug("NVIDIA A100 80GB PCIe")).isEqualTo("a100-80gb-pcie");
    assertThat(HardwareClass.cardSlug("NVIDIA A100-PCIE-40GB")).isEqualTo("a100-pcie-40gb");
    assertThat(HardwareClass.cardSlug("NVIDIA GeForce RTX 4090")).isEqualTo("geforce-rtx-4090");
    assertThat(HardwareClass.cardSlug("NVIDIA L40S")).isEqualTo("l40s");
    assertThat(HardwareClass.cardSlug("Tesla V100-SXM2-16GB")).isEqualTo("tesla-v100-sxm2-16gb");
  }

  @Test
  void oddSpacingCaseAndCharactersGiveTheSameSlug() {
    assertThat(HardwareClass.cardSlug("  NVIDIA  H100\t80GB   HBM3 ")).isEqualTo("h100-80gb-hbm3");
    assertThat(HardwareClass.cardSlug("nvidia h100 80gb hbm3")).isEqualTo("h100-80gb-hbm3");
    assertThat(HardwareClass.cardSlug("NVIDIA_H100 (80GB) HBM3")).isEqualTo("h100-80gb-hbm3");
    assertThat(HardwareClass.cardSlug("NVIDIA H100 80GB HBM3\u2122")).isEqualTo("h100-80gb-hbm3");
    assertThat(HardwareClass.cardSlug("NVIDIA H200 ")).isEqualTo("h200");
    // The vendor goes only as a whole word.
    assertThat(HardwareClass.cardSlug("NVIDIAX 1")).isEqualTo("nvidiax-1");
    assertThat(HardwareClass.cardSlug("NVIDIA")).isEmpty();
    assertThat(HardwareClass.cardSlug("---")).isEmpty();
  }

  @Test
  void aCardWithoutAModelNameIsUnknownWithItsCapability() {
    assertThat(HardwareClass.card(Optional.empty(), Optional.of("sm90"))).isEqualTo("unknown-sm90");
    assertThat(HardwareClass.card(Optional.of("NVIDIA"), Optional.of("sm90")))
        .isEqualTo("unknown-sm90");
    assertThat(HardwareClass.card(Optional.empty(), Optional.empty())).isEqualTo("unknown-sm");
    assertThat(HardwareClass.card(Optional.of("NVIDIA H200"), Optional.of("sm90")))
        .isEqualTo("h200");
  }

  @Test
  void aCudaClassNamesTheCardTheLibrariesAndTheDeterminismInForce() {
    GpuProbe.Gpu h100 = GpuProbe.parse("NVIDIA H100 80GB HBM3, 9.0\n").orElseThrow();
    String measured =
        HardwareClass.cuda(
            HardwareClass.card(Optional.of(h100.name()), Optional.of(h100.capability())),
            "2.11.0",
            "13.0",
            "9.14",
            ENFORCED);
    assertThat(measured)
        .isEqualTo("cuda-h100-80gb-hbm3-torch2.11.0-cu13.0-cudnn9.14-det-efficient")
        .hasSizeLessThanOrEqualTo(HardwareClass.MAX_LENGTH)
        .hasSizeLessThanOrEqualTo(BodyFields.MAX_LABEL_LENGTH);
    // With the capability as well it would not fit the ledger's label limit: the card implies it.
    assertThat("cuda-sm90-" + measured.substring("cuda-".length()))
        .hasSizeGreaterThan(BodyFields.MAX_LABEL_LENGTH);
  }

  @Test
  void anH100AndAnH200AreTwoClasses() {
    // Both report compute capability 9.0, and they train different bits beyond one step.
    String h100 = classOf("NVIDIA H100 80GB HBM3, 9.0");
    String h200 = classOf("NVIDIA H200, 9.0");
    assertThat(h100).isNotEqualTo(h200);
    assertThat(h200).isEqualTo("cuda-h200-torch2.11.0-cu13.0-cudnn9.14-det-efficient");
    assertThat(classOf("NVIDIA H100 PCIe, 9.0")).isNotEqualTo(h100);
    assertThat(classOf("NVIDIA A100-SXM4-40GB, 8.0"))
        .isNotEqualTo(classOf("NVIDIA A100-SXM4-80GB, 8.0"));
    // The same card measured twice is the same class.
    assertThat(classOf("NVIDIA H100 80GB HBM3, 9.0")).isEqualTo(h100);
  }

  @Test
  void aLongCardNameIsShortenedWithADigestAndTheRestIsKept() {
    for (Determinism.Settings settings :
        List.of(
            ENFORCED,
            new Determinism.Settings(true, ":4096:8", "math", false),
            new Determinism.Settings(false, ":4096:8", "efficient", true))) {
      String a = classOf("NVIDIA RTX PRO 6000 Blackwell Server Edition, 12.0", settings);
      String b = classOf("NVIDIA RTX PRO 6000 Blackwell Workstation Edition, 12.0", settings);
      assertThat(a).hasSizeLessThanOrEqualTo(BodyFields.MAX_LABEL_LENGTH).matches("[!-~]+");
      assertThat(a).isNotEqualTo(b);
      assertThat(a).startsWith("cuda-rtx-");
      String mode = settings.enforced() ? "-det-" + settings.attention() : "-nondet-tf32";
      assertThat(a).endsWith("-torch2.11.0-cu13.0-cudnn9.14" + mode);
    }
    assertThat(HardwareClass.fit("rtx-pro-6000-blackwell", 15)).matches("rtx-pro-[0-9a-f]{6}");
    assertThat(HardwareClass.fit("h200", 15)).isEqualTo("h200");
  }

  @Test
  void aRunWithoutTheHarnessSettingsIsMarkedNondeterministic() {
    String noWorkspace =
        HardwareClass.cuda(
            "l40s",
            "2.10.0",
            "13.1",
            "9.19",
            new Determinism.Settings(true, "", "efficient", false));
    assertThat(noWorkspace).isEqualTo("cuda-l40s-torch2.10.0-cu13.1-cudnn9.19-nondet");
    String off =
        HardwareClass.cuda(
            "h200",
            "2.10.0",
            "13.1",
            "9.19",
            new Determinism.Settings(false, ":4096:8", "math", true));
    assertThat(off)
        .isEqualTo("cuda-h200-torch2.10.0-cu13.1-cudnn9.19-nondet-tf32")
        .hasSizeLessThanOrEqualTo(HardwareClass.MAX_LENGTH);
  }

  private static final Determinism.Settings ENFORCED =
      new Determinism.Settings(true, ":4096:8", "efficient", false);

  private static String classOf(String nvidiaSmiLine) {
    return classOf(nvidiaSmiLine, ENFORCED);
  }

  private static String classOf(String nvidiaSmiLine, Determinism.Settings settings) {
    GpuProbe.Gpu gpu = GpuProbe.parse(nvidiaSmiLine).orElseThrow();
    return HardwareClass.cuda(
        HardwareClass.card(Optional.of(gpu.name()), Optional.of(gpu.capability())),
        "2.11.0",
        "13.0",
        "9.14",
        settings);
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
