package dev.swarmledger.trainer.data;

import dev.swarmledger.protocol.tracks.ByteSplit;
import java.util.Arrays;

/**
 * A data set cut into its training part and its validation part, exactly as the track's {@link
 * ByteSplit} says; bytes after both (a test split) are left out. The cut is made on raw bytes so it
 * does not depend on the tokenizer.
 */
public record Split(byte[] train, byte[] validation) {

  public static Split of(byte[] data, ByteSplit split) {
    if (split.usedBytes() > data.length) {
      throw new IllegalArgumentException(
          "the split reads " + split.usedBytes() + " bytes of " + data.length);
    }
    int cut = Math.toIntExact(split.trainBytes());
    int end = Math.toIntExact(split.usedBytes());
    return new Split(Arrays.copyOfRange(data, 0, cut), Arrays.copyOfRange(data, cut, end));
  }
}
