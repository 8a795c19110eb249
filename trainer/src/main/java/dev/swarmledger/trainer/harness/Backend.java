package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.cuda.CudaHost;
import dev.swarmledger.trainer.cuda.CudaHostScanner;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * The libtorch backend of this process: loads libtorch, fixes the thread count (results are bitwise
 * reproducible for a given thread count), picks CUDA when it is present and allowed, else CPU, and
 * turns on the deterministic settings of {@link Determinism} before any experiment code runs.
 */
public final class Backend {
  /** What the host needs for the CUDA build; shown whenever it cannot be used. */
  public static final String CUDA_REQUIREMENTS = CudaHost.REQUIREMENTS;

  private static final Pattern VERSION = Pattern.compile("TORCH_VERSION=([0-9][^,\\s]*)");

  private static boolean interopConfigured;

  private final Device device;
  private final String deviceName;
  private final int threads;
  private final String libtorchVersion;
  private final String config;

  private Backend(
      Device device, String deviceName, int threads, String libtorchVersion, String config) {
    this.device = device;
    this.deviceName = deviceName;
    this.threads = threads;
    this.libtorchVersion = libtorchVersion;
    this.config = config;
  }

  /** Whether a run may, must or must not use CUDA. */
  public enum Preference {
    AUTO,
    CPU,
    CUDA;

    public static Preference parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * Loads libtorch and configures it.
   *
   * @throws BackendUnavailableException if libtorch cannot load, or CUDA was required and is
   *     missing
   */
  public static synchronized Backend start(int threads, Preference preference)
      throws BackendUnavailableException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    boolean cuda;
    String config;
    try {
      singleThreadedBlas();
      torch.set_num_threads(threads);
      if (!interopConfigured) {
        interopConfigured = true;
        try {
          torch.set_num_interop_threads(1);
        } catch (RuntimeException alreadyStarted) {
          // Only the first call in a process may set it; inter-op threads do not affect results.
        }
      }
      cuda = preference != Preference.CPU && torch.cuda_is_available();
      config = torch.show_config().getString();
      if (cuda) {
        Determinism.configureCuda(Determinism.attentionKernel(System.getenv()));
      }
      Determinism.configure();
    } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
      throw new BackendUnavailableException(
          "libtorch failed to load (" + e + "); if this is the CUDA build: " + CUDA_REQUIREMENTS);
    }
    if (preference == Preference.CUDA && !cuda) {
      throw new BackendUnavailableException(
          "CUDA was required but is not available: " + CudaHostScanner.thisHost().cudaRefusal());
    }
    Matcher m = VERSION.matcher(config);
    String version = m.find() ? m.group(1) : "unknown";
    if (cuda) {
      return new Backend(new Device("cuda:0"), "cuda:0", threads, version, config);
    }
    return new Backend(new Device("cpu"), "cpu", threads, version, config);
  }

  /**
   * libtorch's thread setting does not reach Bytedeco's OpenBLAS, whose own pthread pool (one
   * thread per core, busy-waiting) then competes with libtorch's OpenMP threads: measured 330
   * against 6,100 training tokens/s on 2 cores. libtorch parallelises around BLAS calls itself, so
   * BLAS runs single-threaded.
   */
  private static void singleThreadedBlas() {
    try {
      org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads(1);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      // No OpenBLAS in this build (e.g. a CUDA build using MKL): nothing to configure.
    }
  }

  public Device device() {
    return device;
  }

  /** {@code cpu} or {@code cuda:0}. */
  public String deviceName() {
    return deviceName;
  }

  public int threads() {
    return threads;
  }

  public String libtorchVersion() {
    return libtorchVersion;
  }

  /** libtorch's build configuration ({@code torch::show_config()}): CUDA, cuDNN, BLAS versions. */
  public String config() {
    return config;
  }

  /** The dtype of parameters; experiments may train under bf16 autocast (see {@link Precision}). */
  public String dtype() {
    return "float32";
  }

  public boolean isCuda() {
    return deviceName.startsWith("cuda");
  }

  /** The device's model: the GPU's name on CUDA, the processor's model name on the CPU. */
  public String deviceModel() {
    return isCuda()
        ? GpuProbe.current()
            .map(GpuProbe.Gpu::name)
            .or(HardwareClass::gpuName)
            .orElse("unknown GPU")
        : HardwareClass.cpuModel();
  }
}
