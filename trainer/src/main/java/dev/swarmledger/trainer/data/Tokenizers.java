package dev.swarmledger.trainer.data;

/** Tokenizers by their recorded name. */
public final class Tokenizers {
  private Tokenizers() {}

  public static Tokenizer byName(String name) {
    if (name.equals("bytes")) {
      return new ByteTokenizer();
    }
    throw new IllegalArgumentException("unknown tokenizer: " + name);
  }
}
