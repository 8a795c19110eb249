package dev.swarmledger.trainer.run;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The outcome of a valid run: what ran, what it cost and what it scored. A verifier re-runs the
 * record's source with {@link RunSpec#replay} and compares the final parameter hash and the bits of
 * {@code valBpb} (the protocol's verdict rule).
 *
 * @param budgetSeconds the wall-clock budget the step count was derived from, if the run had one
 * @param flops training FLOPs the harness counted from the operations the model ran (every matrix
 *     product and attention, forward and backward; docs/protocol.md "Compute budgets")
 * @param evalTargets validation targets scored; {@code evalBytes} the raw bytes they stand for
 * @param segmentHashes the segment hash chain (hex), one link per {@code hashInterval} steps
 * @param finalParamHash SHA-256 (hex) over every parameter and buffer after training
 * @param trainingSeconds wall seconds of the optimisation loop; {@code totalSeconds} of the whole
 *     run
 * @param dtype the precision training ran in, as the harness observed it at every step: {@code
 *     float32} or {@code bfloat16-autocast} (evaluation is always float32)
 * @param sandbox the containment the experiment ran in: {@code bubblewrap}, or {@code none} for a
 *     development run that had none
 * @param hardwareClass the measured class of the machine that trained ({@code HardwareClass})
 * @param deviceModel the GPU's or processor's model name as reported, recorded beside the class (on
 *     CUDA the class names the card by a slug of this name)
 * @param deterministic whether libtorch's deterministic algorithms were in force while training
 * @param attentionKernel the attention kernel on CUDA ({@code cpu} on the CPU)
 * @param cublasWorkspace the cuBLAS workspace configuration the training process had
 */
public record RunRecord(
    String track,
    long seed,
    String sourceSha256,
    long steps,
    OptionalDouble budgetSeconds,
    long tokens,
    long flops,
    long parameterCount,
    double valBpb,
    long evalTargets,
    long evalBytes,
    List<LossSample> trainLoss,
    int hashInterval,
    List<String> segmentHashes,
    String finalParamHash,
    double trainingSeconds,
    double totalSeconds,
    String device,
    String libtorchVersion,
    String dtype,
    int threads,
    String sandbox,
    String hardwareClass,
    String deviceModel,
    boolean deterministic,
    String attentionKernel,
    String cublasWorkspace) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public RunRecord {
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(budgetSeconds, "budgetSeconds");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(libtorchVersion, "libtorchVersion");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(sandbox, "sandbox");
    Objects.requireNonNull(hardwareClass, "hardwareClass");
    Objects.requireNonNull(deviceModel, "deviceModel");
    Objects.requireNonNull(attentionKernel, "attentionKernel");
    Objects.requireNonNull(cublasWorkspace, "cublasWorkspace");
    if (hardwareClass.isEmpty()
        || hardwareClass.length() > 64
        || !hardwareClass.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("hardware class must be 1 to 64 printable characters");
    }
    trainLoss = List.copyOf(trainLoss);
    segmentHashes = List.copyOf(segmentHashes);
    if (!HEX64.matcher(sourceSha256).matches() || !HEX64.matcher(finalParamHash).matches()) {
      throw new IllegalArgumentException("hashes must be 64 lowercase hex digits");
    }
    for (String link : segmentHashes) {
      if (!HEX64.matcher(link).matches()) {
        throw new IllegalArgumentException("segment hash must be 64 lowercase hex digits: " + link);
      }
    }
    if (steps < 1
        || tokens < 0
        || flops < 0
        || parameterCount < 0
        || hashInterval < 1
        || threads < 1) {
      throw new IllegalArgumentException("counts must be positive");
    }
    if (!Double.isFinite(valBpb) || valBpb < 0) {
      throw new IllegalArgumentException("val_bpb must be a finite non-negative number");
    }
  }
}
