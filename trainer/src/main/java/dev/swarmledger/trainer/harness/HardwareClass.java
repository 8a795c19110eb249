package dev.swarmledger.trainer.harness;

import dev.swarmledger.protocol.tx.BodyFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hardware class a run is recorded under, measured by the harness and never typed by a person:
 * what must match for two runs to agree bit for bit (DESIGN.md section 5). On the CPU: the vector
 * ISA the kernels dispatch to, the libtorch and OpenBLAS versions and the thread count, e.g. {@code
 * cpu-avx512-torch2.10.0-openblas0.3.31-t2}; on CUDA: the card by its model name, the libtorch,
 * CUDA and cuDNN versions and the determinism mode. At most {@link #MAX_LENGTH} printable
 * characters (the ledger's label limit).
 */
public final class HardwareClass {
  public static final int MAX_LENGTH = BodyFields.MAX_LABEL_LENGTH;

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
    if (backend.isCuda()) {
      Determinism.Settings settings = Determinism.inForce(true, System.getenv());
      Optional<String> model =
          GpuProbe.current().map(GpuProbe.Gpu::name).or(HardwareClass::gpuName);
      return cuda(
          card(model, computeCapability()),
          backend.libtorchVersion(),
          cudaRuntimeVersion().orElse(find(CUDA_VERSION, backend.config()).orElse("unknown")),
          cudnnRuntimeVersion().orElse(find(CUDNN_VERSION, backend.config()).orElse("none")),
          settings);
    }
    return cpu(cpuIsa(cpuFlags()), backend.libtorchVersion(), openBlasVersion(), backend.threads());
  }

  /** A CPU class from its measured parts. */
  static String cpu(String isa, String libtorch, String openBlas, int threads) {
    return limit("cpu-" + isa + "-torch" + libtorch + "-openblas" + openBlas + "-t" + threads);
  }

  /**
   * A CUDA class from its measured parts, e.g. {@code
   * cuda-h100-80gb-hbm3-torch2.11.0-cu13.0-cudnn9.14-det-efficient}: the card ({@link #card}), the
   * libtorch, CUDA runtime and cuDNN versions, and the determinism mode with its attention kernel
   * ({@code nondet} when the harness's settings were not in force, which no verifier is granted).
   * TF32 is off in the harness; a run that had it on is marked {@code -tf32}. The run's training
   * precision (float32 or bf16 autocast) is fixed by its source and recorded in the run beside the
   * class. The card is shortened, never the rest, when the whole does not fit {@link #MAX_LENGTH}.
   */
  static String cuda(
      String card,
      String libtorch,
      String cudaVersion,
      String cudnnVersion,
      Determinism.Settings settings) {
    String mode = settings.enforced() ? "det-" + settings.attention() : "nondet";
    String rest =
        limit(
            "-torch"
                + libtorch
                + "-cu"
                + cudaVersion
                + "-cudnn"
                + cudnnVersion
                + "-"
                + mode
                + (settings.tf32() ? "-tf32" : ""));
    return limit("cuda-" + fit(card, MAX_LENGTH - "cuda-".length() - rest.length()) + rest);
  }

  /**
   * The card part of a CUDA class: the model's {@link #cardSlug slug}, which implies the compute
   * capability (so it is not repeated: the whole would not fit the label limit). An H100 and an
   * H200 both report sm90 but train different bits beyond one step (docs/benchmarks.md), so the
   * capability alone does not make a class. Without a model name: {@code unknown-} and the
   * capability.
   */
  static String card(Optional<String> model, Optional<String> capability) {
    return model
        .map(HardwareClass::cardSlug)
        .filter(slug -> !slug.isEmpty())
        .orElse("unknown-" + capability.orElse("sm"));
  }

  /**
   * A GPU model name as a class part: lowercase ASCII letters and digits in words joined by one
   * {@code -}, without the vendor, e.g. {@code NVIDIA H100 80GB HBM3} → {@code h100-80gb-hbm3}.
   */
  static String cardSlug(String model) {
    String words =
        model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return words.replaceFirst("^nvidia(-|$)", "");
  }

  /**
   * {@code slug} within {@code room} characters: cut, with 6 hex digits of the slug's SHA-256 so
   * that two long names sharing a beginning stay two classes.
   */
  static String fit(String slug, int room) {
    if (slug.length() <= room) {
      return slug;
    }
    String digest = sha256Hex(slug).substring(0, 6);
    String head = slug.substring(0, Math.max(0, room - digest.length() - 1));
    return head.replaceAll("-+$", "") + "-" + digest;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
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

  /** The GPU's model name as the NVIDIA driver reports it. */
  public static Optional<String> gpuName() {
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

  /** The processor's model name from /proc/cpuinfo, or the architecture. */
  public static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: the architecture is all there is.
    }
    return System.getProperty("os.arch", "unknown");
  }

  /**
   * The CUDA runtime libtorch loaded, e.g. {@code 13.0}, when it can say. Bytedeco's 2.10 JNI over
   * a PyTorch 2.11 wheel's libtorch calls this hook through 2.10's table of virtual methods and
   * lands on another one (measured on an H100: {@code versionHipBLASLt}, which throws), so there
   * the class takes the runtime from {@code show_config} instead.
   */
  private static Optional<String> cudaRuntimeVersion() {
    try {
      long version = org.bytedeco.pytorch.Context.versionCUDART();
      return version > 0
          ? Optional.of((version / 1000) + "." + (version % 1000) / 10)
          : Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * The cuDNN this process loaded (not the one libtorch was built with), e.g. {@code 9.19}. It can
   * differ from Python's on the same host: JavaCPP preloads {@code libcudnn.so.9} from the system's
   * folders before {@code LD_LIBRARY_PATH} (docs/trainer.md, "cuDNN in the class").
   */
  private static Optional<String> cudnnRuntimeVersion() {
    try {
      long version = org.bytedeco.pytorch.Context.versionRuntimeCuDNN();
      return version > 0
          ? Optional.of((version / 10000) + "." + (version % 10000) / 100)
          : Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * {@code sm90} for compute capability 9.0: from the CUDA presets when this build has them
   * (reflection, because the CPU build compiles without them), else from what the parent process
   * measured with the driver's {@code nvidia-smi} and handed to this one ({@link GpuProbe}).
   */
  private static Optional<String> computeCapability() {
    Optional<String> probed = GpuProbe.current().map(GpuProbe.Gpu::capability);
    if (probed.isPresent()) {
      return probed;
    }
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

  private static String limit(String text) {
    String printable = text.replaceAll("[^\\x21-\\x7e]", "");
    return printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) : printable;
  }
}
