package dev.swarmledger.protocol.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An inference job on the published model of a verified result (the result's source defines the
 * architecture, its weights blob the parameters, its track the tokenizer and context window).
 *
 * @param model the id of the verified result whose model runs
 * @param mode greedy generation after a prompt, or the log-probabilities of a text
 * @param input the prompt (generate) or the text to score (score)
 * @param bytes how many bytes to generate (generate); 0 for score
 */
public record InferSpec(long model, Mode mode, byte[] input, int bytes) implements JobSpec {
  /** Most bytes a prompt, a text or a generation may have (the trainer's inference limit). */
  public static final int MAX_BYTES = 65_536;

  /** What an inference job computes. */
  public enum Mode {
    GENERATE,
    SCORE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public InferSpec {
    Objects.requireNonNull(mode, "mode");
    input = input.clone();
  }

  @Override
  public JobKind kind() {
    return JobKind.INFER;
  }

  @Override
  public byte[] input() {
    return input.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InferSpec that
        && model == that.model
        && mode == that.mode
        && bytes == that.bytes
        && Arrays.equals(input, that.input);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, mode, bytes, Arrays.hashCode(input));
  }

  @Override
  public String toString() {
    return "InferSpec[model="
        + model
        + ", mode="
        + mode.wireName()
        + ", input="
        + input.length
        + " bytes, bytes="
        + bytes
        + "]";
  }
}
