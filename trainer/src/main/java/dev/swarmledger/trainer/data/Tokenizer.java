package dev.swarmledger.trainer.data;

/**
 * Turns raw bytes into token ids and says how many raw bytes each token stands for (for bits per
 * byte).
 */
public interface Tokenizer {

  /** A stable name recorded with runs, e.g. {@code bytes}. */
  String name();

  int vocabularySize();

  /** Token ids of {@code text}. */
  int[] encode(byte[] text);

  /** The number of raw bytes {@code token} stands for; never re-encoded text. */
  int byteLength(int token);
}
