package dev.swarmledger.trainer.experiment;

import org.bytedeco.pytorch.Device;

/**
 * The fixed facts of a track a model is built for.
 *
 * @param vocabularySize number of token ids (256 for the byte tokenizer)
 * @param sequenceLength tokens per row of every batch, in training and in evaluation
 * @param device where the harness puts batches; build parameters there too
 */
public record ModelContext(int vocabularySize, int sequenceLength, Device device) {

  public ModelContext {
    if (vocabularySize < 2 || sequenceLength < 2) {
      throw new IllegalArgumentException("vocabulary and sequence length must be at least 2");
    }
  }
}
