package dev.swarmledger.trainer.harness;

import dev.swarmledger.trainer.data.Tokenizer;
import dev.swarmledger.trainer.experiment.Autocast;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.pytorch.global.torch;

/**
 * Scores a trained model (runs in the evaluation child): rebuilds the model from the experiment,
 * loads the trained state, checks it is the state training reported, computes val_bpb, checks
 * causality, and checks that neither pass changed the state.
 */
public final class EvaluationSession {
  private final ModelContext context;
  private final long seed;
  private final long evalTokens;

  public EvaluationSession(ModelContext context, long seed, long evalTokens) {
    this.context = context;
    this.seed = seed;
    this.evalTokens = evalTokens;
  }

  /** Why a model's score cannot stand. */
  public enum Failure {
    TRANSFER_MISMATCH,
    MUTATED_PARAMETERS,
    CAUSALITY
  }

  /** An evaluation that must void the run. */
  public static final class VoidedException extends Exception {
    private final Failure failure;

    VoidedException(Failure failure, String message) {
      super(message);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  public <M extends LanguageModel> Evaluator.Score evaluate(
      Experiment<M> experiment,
      Path parameters,
      String expectedHash,
      int[] validation,
      Tokenizer tokenizer)
      throws IOException, EvaluationException, VoidedException {
    torch.manual_seed(seed);
    M model = experiment.model(context);
    ParameterFile.load(model.module(), parameters);
    String loaded = ParameterHash.hex(model.module());
    if (!loaded.equals(expectedHash)) {
      throw new VoidedException(
          Failure.TRANSFER_MISMATCH,
          "the evaluator's model hashes to " + loaded + ", training reported " + expectedHash);
    }
    return score(model, validation, tokenizer, loaded);
  }

  /** Scores {@code model} as it is (whose state hashes to {@code stateHash}). */
  public Evaluator.Score score(
      LanguageModel model, int[] validation, Tokenizer tokenizer, String stateHash)
      throws EvaluationException, VoidedException {
    // The harness scores in float32 whatever the experiment's model() switched on.
    torch.set_autocast_cache_enabled(false);
    Autocast.off(context.device());
    Evaluator evaluator = new Evaluator(context.sequenceLength(), evalTokens, 16, context.device());
    Evaluator.Score score = evaluator.score(model, validation, tokenizer);
    requireUnchanged(model, stateHash, "computing val_bpb");
    Optional<String> leak =
        new CausalityCheck(
                context.sequenceLength(), context.vocabularySize(), context.device(), 4, 6)
            .violation(model, validation, seed);
    requireUnchanged(model, stateHash, "the causality check");
    if (leak.isPresent()) {
      throw new VoidedException(Failure.CAUSALITY, leak.get());
    }
    return score;
  }

  private static void requireUnchanged(LanguageModel model, String expected, String during)
      throws VoidedException {
    String now = ParameterHash.hex(model.module());
    if (!now.equals(expected)) {
      throw new VoidedException(
          Failure.MUTATED_PARAMETERS,
          "the model's parameters or buffers changed during "
              + during
              + " ("
              + expected
              + " -> "
              + now
              + ")");
    }
  }
}
