package dev.swarmledger.trainer.harness;

import java.util.Locale;
import java.util.Map;
import org.bytedeco.pytorch.Context;
import org.bytedeco.pytorch.global.torch;

/**
 * The settings that make a run reproducible bit for bit within a hardware class, applied by the
 * harness before any experiment code runs (the source allowlist refuses the calls that would undo
 * them): libtorch's deterministic algorithms on every backend, and on CUDA cuBLAS's fixed workspace
 * ({@link #CUBLAS_WORKSPACE_CONFIG}, which cuBLAS reads from the environment when it starts, so the
 * harness gives it to every child), deterministic cuDNN without autotuning, no TF32, and one
 * attention kernel whose backward pass is deterministic.
 *
 * <p>Why: a 25M-parameter model trained twice on an H100 without these settings ended 0.067 val_bpb
 * apart; with them, runs are bit-identical (docs/trainer.md, "Determinism on CUDA").
 */
public final class Determinism {
  /** cuBLAS workspace configuration that makes its reductions run in a fixed order. */
  public static final String CUBLAS_WORKSPACE_CONFIG = ":4096:8";

  /** The environment variable cuBLAS reads it from. */
  public static final String CUBLAS_ENVIRONMENT = "CUBLAS_WORKSPACE_CONFIG";

  /**
   * An operator's choice of attention kernel on CUDA (for measuring the kernels against each
   * other); it is recorded in the run and the hardware class, so runs under different kernels never
   * pass for each other.
   */
  public static final String ATTENTION_ENVIRONMENT = "SWARM_CUDA_ATTENTION";

  /**
   * Scaled dot-product attention kernels. The math kernel (attention written out as matrix products
   * and a softmax) is always enabled as the fallback for shapes the chosen kernel does not take.
   */
  public enum AttentionKernel {
    /** FlashAttention-2. */
    FLASH,
    /** Memory-efficient attention (xFormers' kernel). */
    EFFICIENT,
    /** cuDNN's fused attention. */
    CUDNN,
    /** Products and softmax as separate operations. */
    MATH;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static AttentionKernel parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            ATTENTION_ENVIRONMENT + " must be flash, efficient, cudnn or math, not " + text);
      }
    }
  }

  /**
   * The kernel runs use unless an operator chose another: the fastest that the GPU check measured
   * bit-exact in deterministic bf16 training (docs/benchmarks.md, "GPU"): on an H200 with PyTorch
   * 2.11, memory-efficient attention trained a 25M-parameter GPT identically twice at 568k
   * tokens/s, FlashAttention-2 at 510k and the math kernel at 384k.
   */
  public static final AttentionKernel DEFAULT_ATTENTION = AttentionKernel.EFFICIENT;

  /**
   * What a process's settings are, read back from libtorch and the environment (not from what was
   * asked for), so the run record states what was in force.
   *
   * @param algorithms libtorch's deterministic-algorithms flag
   * @param cublasWorkspace the cuBLAS workspace configuration the process was given, or empty
   * @param attention the attention kernel on CUDA, {@code cpu} on the CPU
   * @param tf32 whether TF32 matrix products were allowed
   */
  public record Settings(
      boolean algorithms, String cublasWorkspace, String attention, boolean tf32) {
    /** Whether these are the settings the harness requires. */
    public boolean enforced() {
      return algorithms
          && !tf32
          && (attention.equals("cpu") || cublasWorkspace.equals(CUBLAS_WORKSPACE_CONFIG));
    }
  }

  private static volatile AttentionKernel attention;

  private Determinism() {}

  /**
   * The kernel named by {@link #ATTENTION_ENVIRONMENT} in {@code environment}, else the default.
   */
  public static AttentionKernel attentionKernel(Map<String, String> environment) {
    String chosen = environment.get(ATTENTION_ENVIRONMENT);
    return chosen == null || chosen.isBlank() ? DEFAULT_ATTENTION : AttentionKernel.parse(chosen);
  }

  /** Turns on libtorch's deterministic algorithms (every backend). */
  static void configure() {
    torch.globalContext().setDeterministicAlgorithms(true, false);
  }

  /** The CUDA settings; call before the first CUDA operation. */
  static void configureCuda(AttentionKernel kernel) {
    Context context = torch.globalContext();
    context.setDeterministicCuDNN(true);
    context.setBenchmarkCuDNN(false);
    context.setAllowTF32CuBLAS(false);
    context.setAllowTF32CuDNN(false);
    context.setSDPUseFlash(kernel == AttentionKernel.FLASH);
    context.setSDPUseMemEfficient(kernel == AttentionKernel.EFFICIENT);
    context.setSDPUseCuDNN(kernel == AttentionKernel.CUDNN);
    context.setSDPUseMath(true);
    attention = kernel;
  }

  /** The settings in force in this process. */
  public static Settings inForce(boolean cuda, Map<String, String> environment) {
    Context context = torch.globalContext();
    AttentionKernel kernel = attention;
    return new Settings(
        context.deterministicAlgorithms() && !context.deterministicAlgorithmsWarnOnly(),
        environment.getOrDefault(CUBLAS_ENVIRONMENT, ""),
        cuda ? (kernel == null ? "default" : kernel.label()) : "cpu",
        cuda && (context.allowTF32CuBLAS() || context.allowTF32CuDNN()));
  }
}
