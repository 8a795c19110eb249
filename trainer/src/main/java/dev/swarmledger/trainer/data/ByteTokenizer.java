package dev.swarmledger.trainer.data;

/** One token per byte: vocabulary 256, every token is exactly one byte. */
public final class ByteTokenizer implements Tokenizer {

  @Override
  public String name() {
    return "bytes";
  }

  @Override
  public int vocabularySize() {
    return 256;
  }

  @Override
  public int[] encode(byte[] text) {
    int[] tokens = new int[text.length];
    for (int i = 0; i < text.length; i++) {
      tokens[i] = text[i] & 0xff;
    }
    return tokens;
  }

  @Override
  public int byteLength(int token) {
    if (token < 0 || token > 255) {
      throw new IllegalArgumentException("not a byte token: " + token);
    }
    return 1;
  }
}
