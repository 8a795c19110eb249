package dev.swarmledger.trainer.track;

import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.trainer.data.DataSet;
import dev.swarmledger.trainer.data.Tokenizer;
import dev.swarmledger.trainer.run.Budget;

/**
 * A research workload: its data set and split, tokenizer, sequence length, how much validation data
 * the evaluator reads, the default budget and the harness's per-run limits.
 *
 * @param split how many bytes train and how many after them validate (the rest is never read)
 * @param evalTokens upper bound on the number of validation targets scored (whole windows only)
 * @param maxBatchSize largest number of rows an experiment may ask for per step
 * @param hashInterval K: the parameters are hashed into the segment chain every K steps
 */
public record Track(
    String id,
    DataSet dataSet,
    Tokenizer tokenizer,
    ByteSplit split,
    int sequenceLength,
    long evalTokens,
    Budget defaultBudget,
    int maxBatchSize,
    int hashInterval) {

  public Track {
    if (sequenceLength < 2 || evalTokens < sequenceLength || maxBatchSize < 1 || hashInterval < 1) {
      throw new IllegalArgumentException("invalid track " + id);
    }
    if (split.usedBytes() > dataSet.length()) {
      throw new IllegalArgumentException(
          "track " + id + " splits " + split.usedBytes() + " bytes of " + dataSet.length());
    }
  }

  public Track withSequenceLength(int newLength) {
    return new Track(
        id,
        dataSet,
        tokenizer,
        split,
        newLength,
        Math.max(evalTokens, newLength),
        defaultBudget,
        maxBatchSize,
        hashInterval);
  }

  public Track withEvalTokens(long newEvalTokens) {
    return new Track(
        id,
        dataSet,
        tokenizer,
        split,
        sequenceLength,
        newEvalTokens,
        defaultBudget,
        maxBatchSize,
        hashInterval);
  }

  public Track withHashInterval(int newInterval) {
    return new Track(
        id,
        dataSet,
        tokenizer,
        split,
        sequenceLength,
        evalTokens,
        defaultBudget,
        maxBatchSize,
        newInterval);
  }
}
