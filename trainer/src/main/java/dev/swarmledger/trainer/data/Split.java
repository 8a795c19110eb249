package dev.swarmledger.trainer.data;

import java.util.Arrays;

/**
 * A data set cut into its training part (the first {@code trainFraction} of the bytes) and its
 * validation part (the rest). The cut is made on raw bytes so it does not depend on the tokenizer.
 */
public record Split(byte[] train, byte[] validation) {

  public static Split of(byte[] data, double trainFraction) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be within (0, 1)");
    }
    int cut = (int) Math.floor(data.length * trainFraction);
    return new Split(Arrays.copyOfRange(data, 0, cut), Arrays.copyOfRange(data, cut, data.length));
  }
}
