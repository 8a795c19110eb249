package dev.swarmledger.trainer.cuda;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of Bytedeco's libtorch JNI builds is on the class path, found by resource name without
 * loading it: the GPU build ({@code -Pcuda}) keeps its libraries under {@code
 * org/bytedeco/pytorch/linux-x86_64-gpu/}, the CPU build under {@code
 * org/bytedeco/pytorch/linux-x86_64/}. Also notes which native libraries the class path itself
 * bundles (the GPU jar's libtorch, Bytedeco's CUDA redistributable), since those need no folder.
 *
 * @param platform JavaCPP's platform name, {@code linux-x86_64}
 * @param bundled the library files found on the class path, among {@link #LIBRARIES}
 */
public record JniBuild(String platform, Set<String> bundled) {
  /** The GPU JNI library itself and its CUDA half. */
  static final String JNI = "libjnitorch.so";

  static final String JNI_CUDA = "libjnitorch_cuda.so";

  /** What is looked for on the class path. */
  static final List<String> LIBRARIES =
      List.of(
          JNI,
          JNI_CUDA,
          "libtorch_cpu.so",
          "libtorch.so",
          "libc10.so",
          "libtorch_cuda.so",
          "libc10_cuda.so",
          "libcudart.so.13",
          "libcublas.so.13",
          "libcudnn.so.9");

  public JniBuild {
    bundled = Set.copyOf(bundled);
  }

  /** Whether the class path holds the GPU JNI library ({@code -Pcuda}, or one added by hand). */
  public boolean gpu() {
    return bundled.contains(JNI);
  }

  /** The resource folder of the GPU JNI build: {@code org/bytedeco/pytorch/linux-x86_64-gpu/}. */
  public String gpuFolder() {
    return gpuFolder(platform);
  }

  /** Looks each of {@link #LIBRARIES} up in {@code loader}'s resources. */
  static JniBuild find(ClassLoader loader, String platform) {
    Set<String> bundled = new LinkedHashSet<>();
    for (String library : LIBRARIES) {
      if (loader.getResource(gpuFolder(platform) + library) != null
          || loader.getResource("org/bytedeco/cuda/" + platform + "/" + library) != null) {
        bundled.add(library);
      }
    }
    return new JniBuild(platform, bundled);
  }

  /** JavaCPP's name for this JVM's platform ({@code linux-x86_64}, {@code linux-arm64}). */
  static String thisPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("linux") ? "linux" : os.startsWith("windows") ? "windows" : os;
    String archName =
        switch (arch) {
          case "amd64", "x86_64", "x86-64" -> "x86_64";
          case "aarch64", "arm64" -> "arm64";
          default -> arch;
        };
    return osName + "-" + archName;
  }

  private static String gpuFolder(String platform) {
    return "org/bytedeco/pytorch/" + platform + "-gpu/";
  }
}
