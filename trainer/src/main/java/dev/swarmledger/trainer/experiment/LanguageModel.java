package dev.swarmledger.trainer.experiment;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * What the harness needs from a model: its parameters (to hash, transfer and count) and its logits
 * (to evaluate). Position {@code t} of the logits may depend only on tokens {@code 0..t} of the
 * same row.
 */
public interface LanguageModel {

  /** The root module; all parameters and buffers reachable from it are hashed and transferred. */
  Module module();

  /** Token ids {@code [batch, time]} (int64) to logits {@code [batch, time, vocab]} (float32). */
  Tensor logits(Tensor tokens);
}
