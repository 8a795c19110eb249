package dev.swarmledger.trainer.inference;

import dev.swarmledger.trainer.TrainerException.Reason;
import dev.swarmledger.trainer.data.Tokenizer;
import dev.swarmledger.trainer.experiment.Autocast;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.FlopCounter;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.harness.ParameterFile;
import dev.swarmledger.trainer.harness.ParameterHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Runs one inference request on a published model (in the inference child): rebuilds the model from
 * the experiment, loads the parameters and refuses them unless they are the expected state, then
 * generates or scores in float32 with autocast off, one sequence per forward pass (batch 1), with
 * the FLOP counter fresh. A model whose state changes while it runs is refused: the state is hashed
 * after forward passes 1, 2, 4, 8, … and after the last.
 *
 * <p>Windows: generation feeds the last {@code sequenceLength} tokens of prompt + output; scoring
 * cuts the text into non-overlapping windows of {@code sequenceLength} inputs as the evaluator does
 * (window {@code w} predicts bytes {@code wL+1 .. wL+L} from bytes {@code wL .. wL+L-1}; the last
 * window may be shorter), so a byte's context restarts at each window boundary.
 */
public final class InferenceSession {
  private final ModelContext context;
  private final Tokenizer tokenizer;

  public InferenceSession(ModelContext context, Tokenizer tokenizer) {
    if (tokenizer.vocabularySize() != 256 || !tokenizer.name().equals("bytes")) {
      throw new IllegalArgumentException(
          "inference serves byte-tokenized tracks only, not " + tokenizer.name());
    }
    if (context.vocabularySize() != tokenizer.vocabularySize()) {
      throw new IllegalArgumentException("the model's vocabulary is not the tokenizer's");
    }
    this.context = context;
    this.tokenizer = tokenizer;
  }

  /**
   * Builds {@code experiment}'s model, loads {@code parameters}, checks its state hash and answers
   * {@code request}.
   *
   * @param hardwareClass measured when the answer is complete
   * @throws InferenceException {@code PARAMETERS_MISMATCH} when the file does not fit the model or
   *     is not the expected state, {@code INFERENCE_MUTATED_PARAMETERS}, or {@code
   *     EVALUATION_FAILED} for unusable logits
   */
  public <M extends LanguageModel> InferenceResponse run(
      Experiment<M> experiment,
      Path parameters,
      String expectedStateHash,
      InferenceRequest request,
      Supplier<String> hardwareClass)
      throws InferenceException {
    torch.manual_seed(request.seed());
    M model = experiment.model(context);
    try {
      ParameterFile.load(model.module(), parameters);
    } catch (IOException e) {
      throw new InferenceException(
          Reason.PARAMETERS_MISMATCH,
          "the parameters file does not fit the experiment's model: " + e.getMessage());
    }
    String loaded = ParameterHash.hex(model.module());
    if (!loaded.equals(expectedStateHash)) {
      throw new InferenceException(
          Reason.PARAMETERS_MISMATCH,
          "the loaded parameters hash to " + loaded + ", expected " + expectedStateHash);
    }
    return infer(model, loaded, request, hardwareClass);
  }

  /**
   * Answers {@code request} with {@code model} as it is (its state hashes to {@code stateHash}).
   */
  public InferenceResponse infer(
      LanguageModel model,
      String stateHash,
      InferenceRequest request,
      Supplier<String> hardwareClass)
      throws InferenceException {
    // float32 whatever the experiment's model() switched on, as in evaluation.
    torch.set_autocast_cache_enabled(false);
    Autocast.off(context.device());
    model.module().eval();
    int[] tokens = tokenizer.encode(request.input());
    StateWatch watch = new StateWatch(model, stateHash);
    FlopCounter counter = FlopCounter.start();
    if (request.kind() == InferenceRequest.Kind.GENERATE) {
      byte[] output = generate(model, tokens, request.bytes(), watch);
      watch.finish();
      return InferenceResponse.generated(output, counter.total(), stateHash, hardwareClass.get());
    }
    double[] logprobs = score(model, tokens, watch);
    watch.finish();
    return InferenceResponse.scored(logprobs, counter.total(), stateHash, hardwareClass.get());
  }

  private byte[] generate(LanguageModel model, int[] prompt, int count, StateWatch watch)
      throws InferenceException {
    int[] sequence = Arrays.copyOf(prompt, prompt.length + count);
    int length = prompt.length;
    byte[] output = new byte[count];
    float[] last = new float[context.vocabularySize()];
    for (int i = 0; i < count; i++) {
      int window = Math.min(length, context.sequenceLength());
      try (PointerScope scope = new PointerScope();
          NoGradGuard noGrad = new NoGradGuard()) {
        Tensor logits = checkedLogits(model, tokens(sequence, length - window, window), window);
        Tensor row = logits.select(0, 0).select(0, window - 1).cpu().contiguous();
        new FloatPointer(row.data_ptr()).get(last);
      }
      watch.forwardDone();
      int next = greedy(last);
      sequence[length++] = next;
      output[i] = (byte) next;
    }
    return output;
  }

  /** The argmax; ties go to the lowest token id (the first maximum), NaN and ±∞ are refused. */
  static int greedy(float[] logits) throws InferenceException {
    int best = 0;
    for (int token = 0; token < logits.length; token++) {
      if (!Float.isFinite(logits[token])) {
        throw new InferenceException(
            Reason.EVALUATION_FAILED, "non-finite logit for token " + token);
      }
      if (logits[token] > logits[best]) {
        best = token;
      }
    }
    return best;
  }

  private double[] score(LanguageModel model, int[] text, StateWatch watch)
      throws InferenceException {
    int targets = text.length - 1;
    double[] logprobs = new double[targets];
    for (int start = 0; start < targets; start += context.sequenceLength()) {
      int window = Math.min(context.sequenceLength(), targets - start);
      double[] values = new double[window];
      try (PointerScope scope = new PointerScope();
          NoGradGuard noGrad = new NoGradGuard()) {
        Tensor logits = checkedLogits(model, tokens(text, start, window), window);
        // As the evaluator: log_softmax in float64 computes (x - max) - log Σ exp(x - max).
        Tensor logProbabilities = torch.log_softmax(logits.to(torch.ScalarType.Double), -1);
        Tensor picked =
            torch
                .gather(logProbabilities, -1, tokens(text, start + 1, window).unsqueeze(-1))
                .reshape(window)
                .cpu()
                .contiguous();
        new DoublePointer(picked.data_ptr()).get(values);
      }
      watch.forwardDone();
      for (int t = 0; t < window; t++) {
        if (!Double.isFinite(values[t])) {
          throw new InferenceException(
              Reason.EVALUATION_FAILED, "non-finite log-probability at byte " + (start + t + 1));
        }
      }
      System.arraycopy(values, 0, logprobs, start, window);
    }
    return logprobs;
  }

  /** {@code values[from .. from+length-1]} as int64 {@code [1, length]} on the model's device. */
  private Tensor tokens(int[] values, int from, int length) {
    long[] row = new long[length];
    for (int t = 0; t < length; t++) {
      row[t] = values[from + t];
    }
    try (LongPointer pointer = new LongPointer(row)) {
      Tensor cpu =
          torch
              .from_blob(pointer, new long[] {1, length}, new TensorOptions(torch.ScalarType.Long))
              .clone();
      return context.device().is_cpu() ? cpu : cpu.to(context.device(), torch.ScalarType.Long);
    }
  }

  /** The model's logits, refused unless float32 {@code [1, length, vocab]}. */
  private Tensor checkedLogits(LanguageModel model, Tensor inputs, int length)
      throws InferenceException {
    Tensor logits = model.logits(inputs);
    if (logits == null || logits.isNull() || !logits.defined()) {
      throw new InferenceException(Reason.EVALUATION_FAILED, "the model returned no logits");
    }
    if (logits.dim() != 3
        || logits.size(0) != 1
        || logits.size(1) != length
        || logits.size(2) != context.vocabularySize()) {
      throw new InferenceException(
          Reason.EVALUATION_FAILED,
          "logits must be [1, "
              + length
              + ", "
              + context.vocabularySize()
              + "]; got "
              + Arrays.toString(logits.sizes().vec().get()));
    }
    if (logits.scalar_type().value != torch.ScalarType.Float.value) {
      throw new InferenceException(
          Reason.EVALUATION_FAILED, "logits must be float32, got " + logits.scalar_type());
    }
    return logits;
  }

  /**
   * Hashes the model's state after forward passes 1, 2, 4, 8, … and at the end: a model that learns
   * while it answers is refused, at a cost of about log₂(passes) state hashes.
   */
  private static final class StateWatch {
    private final LanguageModel model;
    private final String expected;
    private long passes;

    StateWatch(LanguageModel model, String expected) {
      this.model = model;
      this.expected = expected;
    }

    void forwardDone() throws InferenceException {
      passes++;
      if (Long.bitCount(passes) == 1) {
        check();
      }
    }

    void finish() throws InferenceException {
      check();
    }

    private void check() throws InferenceException {
      String now = ParameterHash.hex(model.module());
      if (!now.equals(expected)) {
        throw new InferenceException(
            Reason.INFERENCE_MUTATED_PARAMETERS,
            "the model's parameters or buffers changed during inference (checked after forward pass "
                + passes
                + ": "
                + expected
                + " -> "
                + now
                + ")");
      }
    }
  }
}
