package dev.swarmledger.trainer.experiment.gpt;

/**
 * Shape of a {@link Gpt}.
 *
 * @param layers number of residual blocks
 * @param width model (embedding) dimension
 * @param heads attention heads; {@code width} must be divisible by it and the head size even (RoPE)
 * @param mlpHidden hidden width of each MLP
 * @param activation the MLP's non-linearity
 * @param qkNorm whether queries and keys are RMS-normalised before RoPE (stabilises high learning
 *     rates)
 * @param ropeBase base of the rotary frequencies
 */
public record GptConfig(
    int layers,
    int width,
    int heads,
    int mlpHidden,
    Activation activation,
    boolean qkNorm,
    double ropeBase) {

  public GptConfig {
    if (layers < 1 || width < 2 || heads < 1 || mlpHidden < 1) {
      throw new IllegalArgumentException("layers, width, heads and mlpHidden must be positive");
    }
    if (width % heads != 0 || (width / heads) % 2 != 0) {
      throw new IllegalArgumentException("width must split into heads of even size");
    }
  }

  /** A config with a 4x ReLU² MLP, QK-norm and RoPE base 10000. */
  public static GptConfig of(int layers, int width, int heads) {
    return new GptConfig(layers, width, heads, 4 * width, Activation.RELU_SQUARED, true, 10_000);
  }

  public GptConfig withActivation(Activation newActivation, int newMlpHidden) {
    return new GptConfig(layers, width, heads, newMlpHidden, newActivation, qkNorm, ropeBase);
  }

  public int headSize() {
    return width / heads;
  }
}
