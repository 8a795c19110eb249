package dev.swarmledger.trainer.experiment;

/**
 * One research experiment: the counterpart of autoresearch's {@code train.py}. An implementation
 * lives in a single Java source file, is compiled at run time and may only use the experiment API,
 * Bytedeco PyTorch, {@code java.lang} (minus process, thread, reflection and I/O) and {@code
 * java.util}.
 *
 * <p>The harness calls {@link #model} in every process that needs the model (the training child and
 * the evaluator) and {@link #train} only in the training child, which never sees the validation
 * split.
 *
 * @param <M> the model type the experiment builds
 */
public interface Experiment<M extends LanguageModel> {

  /**
   * Builds a freshly initialised model; must not train. Torch is seeded from the run's seed before.
   */
  M model(ModelContext context);

  /**
   * Optimises {@code model} over the batches {@code loop} hands out until {@link
   * TrainingLoop#hasNext()} is false. Every step must consume exactly one batch; the run is void if
   * steps are left over.
   */
  void train(M model, TrainingLoop loop);
}
