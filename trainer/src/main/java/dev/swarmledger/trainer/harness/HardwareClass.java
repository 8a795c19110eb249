package dev.swarmledger.trainer.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.global.torch;

/**
 * The hardware class a run is recorded under, measured by the harness and never typed by a person:
 * what must match for two runs to agree bit for bit (DESIGN.md section 5). On the CPU: the vector
 * ISA the kernels dispatch to, the libtorch and OpenBLAS versions and the thread count, e.g. {@code
 * cpu-avx512-torch2.10.0-openblas0.3.31-t2}; on CUDA: the GPU, its compute capability, the
 * libtorch, CUDA and cuDNN versions, deterministic mode and the dtype mode. At most {@link
 * #MAX_LENGTH} printable characters (the ledger's label limit).
 */
public final class HardwareClass {
  public static final int MAX_LENGTH = 64;

  private static final Pattern CUDA_VERSION = Pattern.compile("CUDA Runtime ([0-9]+\\.[0-9]+)");
  private static final Pattern CUDNN_VERSION = Pattern.compile("CuDNN ([0-9]+\\.[0-9]+)");
  private static final Pattern OPENBLAS_VERSION = Pattern.compile("OpenBLAS ([0-9][0-9.]*)");

  private HardwareClass() {}

  /**
   * The class this machine would record for a run with {@code threads} threads: starts libtorch in
   * this process (no experiment code runs) and measures. For granting roles and showing the class.
   *
   * @throws BackendUnavailableException if libtorch cannot load
   */
  public static String local(int threads) throws BackendUnavailableException {
    return measure(Backend.start(threads, Backend.Preference.AUTO));
  }

  /** The class of the process that started {@code backend}. */
  public static String measure(Backend backend) {
    if (backend.deviceName().startsWith("cuda")) {
      return cuda(
          gpuName().orElse("gpu"),
          computeCapability().orElse("sm"),
          backend.libtorchVersion(),
          find(CUDA_VERSION, backend.config()).orElse("unknown"),
          find(CUDNN_VERSION, backend.config()).orElse("none"),
          torch.globalContext().deterministicAlgorithms(),
          backend.dtype());
    }
    return cpu(cpuIsa(cpuFlags()), backend.libtorchVersion(), openBlasVersion(), backend.threads());
  }

  /** A CPU class from its measured parts. */
  static String cpu(String isa, String libtorch, String openBlas, int threads) {
    return limit("cpu-" + isa + "-torch" + libtorch + "-openblas" + openBlas + "-t" + threads);
  }

  /** A CUDA class from its measured parts; the GPU name is shortened first when too long. */
  static String cuda(
      String gpu,
      String capability,
      String libtorch,
      String cudaVersion,
      String cudnnVersion,
      boolean deterministic,
      String dtype) {
    String tail =
        "-"
            + capability
            + "-torch"
            + libtorch
            + "-cu"
            + cudaVersion
            + "-cudnn"
            + cudnnVersion
            + (deterministic ? "-det" : "-nondet")
            + "-"
            + dtype.replace("bfloat", "bf").replace("float", "fp");
    String name = slug(gpu.replaceFirst("(?i)^nvidia\\s+", ""));
    int room = Math.max(1, MAX_LENGTH - "cuda-".length() - tail.length());
    if (name.length() > room) {
      name = name.substring(0, room);
    }
    return limit("cuda-" + name + tail);
  }

  /** The widest vector ISA among {@code flags} (from /proc/cpuinfo): avx512, avx2, avx, sse4, … */
  static String cpuIsa(Set<String> flags) {
    if (flags.contains("avx512f")) {
      return "avx512";
    }
    if (flags.contains("avx2")) {
      return "avx2";
    }
    if (flags.contains("avx")) {
      return "avx";
    }
    if (flags.contains("sse4_2") || flags.contains("sse4_1")) {
      return "sse4";
    }
    if (flags.contains("asimd")) {
      return "neon";
    }
    return System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
  }

  private static Set<String> cpuFlags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("flags") || line.startsWith("Features")) {
          String values = line.substring(line.indexOf(':') + 1).trim();
          return Set.of(values.split("\\s+"));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // No /proc (not Linux): fall back to the architecture name.
    }
    return Set.of();
  }

  private static String openBlasVersion() {
    try {
      String config = org.bytedeco.openblas.global.openblas_full.openblas_get_config().getString();
      return find(OPENBLAS_VERSION, config).orElse("unknown");
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return "none";
    }
  }

  private static Optional<String> gpuName() {
    Path gpus = Path.of("/proc/driver/nvidia/gpus");
    if (!Files.isDirectory(gpus)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(gpus)) {
      for (Path gpu : entries) {
        for (String line : Files.readAllLines(gpu.resolve("information"))) {
          if (line.startsWith("Model:")) {
            return Optional.of(line.substring("Model:".length()).trim());
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * {@code sm90} for compute capability 9.0, read through the CUDA presets when this build has them
   * (reflection, because the CPU build compiles without them).
   */
  private static Optional<String> computeCapability() {
    try {
      Object properties =
          Class.forName("org.bytedeco.pytorch.global.torch_cuda")
              .getMethod("getCurrentDeviceProperties")
              .invoke(null);
      Object major = properties.getClass().getMethod("major").invoke(properties);
      Object minor = properties.getClass().getMethod("minor").invoke(properties);
      return Optional.of("sm" + major + minor);
    } catch (ReflectiveOperationException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static Optional<String> find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
  }

  private static String limit(String text) {
    String printable = text.replaceAll("[^\\x21-\\x7e]", "");
    return printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) : printable;
  }
}
