package dev.swarmledger.trainer.inference;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What an inference job asks of a published model: greedy generation of {@code bytes} bytes after a
 * prompt, or the log-probabilities of a text. The track fixes the tokenizer (bytes) and the context
 * window (its sequence length); the seed seeds libtorch before the model is built, as in training
 * and evaluation (a loaded model no longer depends on it).
 *
 * @param kind what to compute
 * @param track the track the model was trained on
 * @param seed libtorch's seed before the model is built
 * @param input the prompt (generate, 1..{@link #MAX_BYTES} bytes) or the text to score (score,
 *     2..{@link #MAX_BYTES} bytes: its first byte has no prediction)
 * @param bytes how many bytes to generate (generate: 1..{@link #MAX_BYTES}; score: 0)
 */
public record InferenceRequest(Kind kind, String track, long seed, byte[] input, int bytes) {
  /** The most bytes a request may carry in or ask for. */
  public static final int MAX_BYTES = 65_536;

  /** The two kinds of inference job. */
  public enum Kind {
    /** Greedy generation: argmax of the last position's logits, ties to the lowest token id. */
    GENERATE,
    /** Per-position log-probabilities of a given text. */
    SCORE;

    /** The name in JSON: {@code generate} or {@code score}. */
    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public InferenceRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(input, "input");
    if (track == null || track.isBlank()) {
      throw new IllegalArgumentException("an inference request names a track");
    }
    if (input.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          (kind == Kind.GENERATE ? "the prompt" : "the text")
              + " has "
              + input.length
              + " bytes; the limit is "
              + MAX_BYTES);
    }
    if (kind == Kind.GENERATE) {
      if (input.length < 1) {
        throw new IllegalArgumentException("generation needs a prompt of at least one byte");
      }
      if (bytes < 1 || bytes > MAX_BYTES) {
        throw new IllegalArgumentException(
            "generation asks for " + bytes + " bytes; it must be 1 to " + MAX_BYTES);
      }
    } else {
      if (input.length < 2) {
        throw new IllegalArgumentException("scoring needs a text of at least two bytes");
      }
      if (bytes != 0) {
        throw new IllegalArgumentException("a score request generates nothing (bytes must be 0)");
      }
    }
    input = input.clone();
  }

  /** Greedy generation of {@code bytes} bytes after {@code prompt}. */
  public static InferenceRequest generate(String track, long seed, byte[] prompt, int bytes) {
    return new InferenceRequest(Kind.GENERATE, track, seed, prompt, bytes);
  }

  /** The log-probability of every byte of {@code text} after its first. */
  public static InferenceRequest score(String track, long seed, byte[] text) {
    return new InferenceRequest(Kind.SCORE, track, seed, text, 0);
  }

  /** A copy of the prompt or text. */
  @Override
  public byte[] input() {
    return input.clone();
  }

  /** The number of bytes of the prompt or text. */
  public int inputLength() {
    return input.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InferenceRequest that
        && kind == that.kind
        && track.equals(that.track)
        && seed == that.seed
        && bytes == that.bytes
        && Arrays.equals(input, that.input);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, track, seed, bytes, Arrays.hashCode(input));
  }

  @Override
  public String toString() {
    String shown = HexFormat.of().formatHex(input, 0, Math.min(input.length, 16));
    return "InferenceRequest[kind="
        + kind.jsonName()
        + ", track="
        + track
        + ", seed="
        + seed
        + ", input="
        + input.length
        + " bytes ("
        + shown
        + (input.length > 16 ? "…" : "")
        + "), bytes="
        + bytes
        + "]";
  }
}
