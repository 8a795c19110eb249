package dev.swarmledger.trainer;

/**
 * A run that did not produce a valid record, with a stable reason code for callers to branch on.
 */
public final class TrainerException extends Exception {

  /** Why a run is void. The names are stable; other modules and the ledger may store them. */
  public enum Reason {
    /** The experiment names a symbol outside the allowlist. */
    SOURCE_REFUSED,
    /** The experiment does not compile or is not a usable experiment class. */
    COMPILE_ERROR,
    /** The track id is not known to this build. */
    UNKNOWN_TRACK,
    /** A data file's length or SHA-256 is wrong. */
    DATA_MISMATCH,
    /** A data file could not be read or downloaded. */
    DATA_UNAVAILABLE,
    /** libtorch could not load, or a required CUDA device is missing. */
    BACKEND_UNAVAILABLE,
    /** The experiment did not spend exactly its step budget, or asked for an invalid batch. */
    BUDGET_VIOLATION,
    /** Logits at a position changed when a later token (or another row) changed. */
    CAUSALITY_VIOLATION,
    /** Evaluating the model changed its parameters or buffers. */
    EVAL_MUTATED_PARAMETERS,
    /** The model's outputs could not be scored (shape, dtype, non-finite). */
    EVALUATION_FAILED,
    /** A child process exceeded the wall-time limit and was killed. */
    TIME_LIMIT,
    /** A child process exceeded the memory limit and was killed. */
    MEMORY_LIMIT,
    /** A child process failed otherwise (the experiment threw, the JVM crashed...). */
    CHILD_FAILED,
    /**
     * A parameters file is not the state it was expected to be: its state hash differs from the
     * expected {@code final_param_hash}, or it does not fit the experiment's model.
     */
    PARAMETERS_MISMATCH,
    /** Running inference changed the model's parameters or buffers. */
    INFERENCE_MUTATED_PARAMETERS
  }

  private final Reason reason;

  public TrainerException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public TrainerException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
