package dev.swarmledger.trainer.experiment;

import org.bytedeco.pytorch.Tensor;

/**
 * One training batch: {@code inputs} and {@code targets} are int64 {@code [batchSize,
 * sequenceLength]}; {@code targets} is {@code inputs} shifted by one token.
 *
 * @param step zero-based index of the optimisation step this batch belongs to
 */
public record Batch(long step, Tensor inputs, Tensor targets) {}
