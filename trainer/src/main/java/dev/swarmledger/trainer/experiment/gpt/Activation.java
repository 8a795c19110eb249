package dev.swarmledger.trainer.experiment.gpt;

/** The MLP's non-linearity. {@link #SWIGLU} adds a gate projection of the same width. */
public enum Activation {
  /** {@code relu(x)^2}, as in modded-nanogpt. */
  RELU_SQUARED,
  /** The tanh-free GELU. */
  GELU,
  /** {@code silu(gate(x)) * up(x)}. */
  SWIGLU
}
