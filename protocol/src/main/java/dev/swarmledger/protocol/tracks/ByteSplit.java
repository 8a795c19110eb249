package dev.swarmledger.protocol.tracks;

/**
 * How a track's data is cut, in bytes: the first {@code trainBytes} train, the next {@code
 * validationBytes} are scored, and whatever follows (a test split) is never read. Counted in raw
 * bytes, so the cut does not depend on the tokenizer.
 */
public record ByteSplit(long trainBytes, long validationBytes) {
  public ByteSplit {
    if (trainBytes < 1 || validationBytes < 1) {
      throw new IllegalArgumentException("train and validation splits hold at least one byte");
    }
    if (trainBytes > Long.MAX_VALUE - validationBytes) {
      throw new IllegalArgumentException("a split is shorter than 2^63 bytes");
    }
  }

  /**
   * The first {@code floor(fraction × length)} bytes train and the rest validate: the split of a
   * track that states none.
   */
  public static ByteSplit ofFraction(long length, double trainFraction) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("train fraction must be within (0, 1)");
    }
    long cut = (long) Math.floor(length * trainFraction);
    return new ByteSplit(cut, length - cut);
  }

  /** The bytes this split reads: train and validation, not the held-out rest. */
  public long usedBytes() {
    return trainBytes + validationBytes;
  }
}
