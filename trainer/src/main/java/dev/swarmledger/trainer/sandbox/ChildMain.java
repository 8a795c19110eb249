package dev.swarmledger.trainer.sandbox;

import dev.swarmledger.trainer.TrainerException.Reason;
import dev.swarmledger.trainer.data.Tokenizer;
import dev.swarmledger.trainer.data.Tokenizers;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.harness.BackendUnavailableException;
import dev.swarmledger.trainer.harness.BudgetViolationException;
import dev.swarmledger.trainer.harness.Determinism;
import dev.swarmledger.trainer.harness.EvaluationException;
import dev.swarmledger.trainer.harness.EvaluationSession;
import dev.swarmledger.trainer.harness.Evaluator;
import dev.swarmledger.trainer.harness.HardwareClass;
import dev.swarmledger.trainer.harness.TrainingSession;
import dev.swarmledger.trainer.inference.InferenceException;
import dev.swarmledger.trainer.inference.InferenceRequest;
import dev.swarmledger.trainer.inference.InferenceRequestJson;
import dev.swarmledger.trainer.inference.InferenceResponse;
import dev.swarmledger.trainer.inference.InferenceResponseJson;
import dev.swarmledger.trainer.inference.InferenceSession;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Entry point of a child process: {@code ChildMain train|evaluate|infer INPUT OUTPUT}. It reads the
 * job from INPUT and writes only into OUTPUT: exit 0 with an answer file, or exit 3 with {@code
 * failure.json}. Progress goes to stdout as {@code @step s total loss} lines. {@code ChildMain
 * prepare} only loads libtorch, which unpacks it into the JavaCPP cache.
 */
public final class ChildMain {
  private ChildMain() {}

  /**
   * The parent enforces the time and memory limits; if it dies (a verifier killed with SIGKILL),
   * nothing would, so the child ends itself as soon as its parent is gone.
   */
  private static void exitWithParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent -> {
              Thread watch =
                  new Thread(
                      () -> {
                        while (parent.isAlive()) {
                          try {
                            Thread.sleep(1000);
                          } catch (InterruptedException e) {
                            return;
                          }
                        }
                        Runtime.getRuntime().halt(3);
                      },
                      "parent-watch");
              watch.setDaemon(true);
              watch.start();
            });
  }

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: ChildMain train|evaluate|infer|prepare INPUT OUTPUT");
      System.exit(2);
    }
    Path folder = Path.of(args[1]);
    Path output = Path.of(args[2]);
    exitWithParent();
    if (args[0].equals("prepare")) {
      prepare();
    }
    PrintStream out = System.out;
    int status;
    try {
      ChildJob.Spec spec = ChildJob.read(folder.resolve(ChildJob.JOB), ChildJob.Spec.class);
      Backend backend = Backend.start(spec.threads(), Backend.Preference.parse(spec.device()));
      Tokenizer tokenizer = Tokenizers.byName(spec.tokenizer());
      ModelContext context =
          new ModelContext(tokenizer.vocabularySize(), spec.sequenceLength(), backend.device());
      Experiment<?> experiment =
          CompiledExperiment.read(folder.resolve(ChildJob.CLASSES)).instantiate();
      if (args[0].equals("train")) {
        train(folder, output, spec, backend, tokenizer, context, experiment, out);
      } else if (args[0].equals("evaluate")) {
        evaluate(folder, output, spec, tokenizer, context, experiment);
      } else if (args[0].equals("infer")) {
        infer(folder, output, spec, backend, tokenizer, context, experiment);
      } else {
        throw new IllegalArgumentException("unknown mode " + args[0]);
      }
      status = 0;
    } catch (BackendUnavailableException e) {
      status = fail(output, Reason.BACKEND_UNAVAILABLE, e.getMessage());
    } catch (EvaluationException e) {
      status = fail(output, Reason.EVALUATION_FAILED, e.getMessage());
    } catch (EvaluationSession.VoidedException e) {
      Reason reason =
          e.failure() == EvaluationSession.Failure.CAUSALITY
              ? Reason.CAUSALITY_VIOLATION
              : e.failure() == EvaluationSession.Failure.MUTATED_PARAMETERS
                  ? Reason.EVAL_MUTATED_PARAMETERS
                  : Reason.CHILD_FAILED;
      status = fail(output, reason, e.getMessage());
    } catch (InferenceException e) {
      status = fail(output, e.reason(), e.getMessage());
    } catch (BudgetViolationException e) {
      status = fail(output, Reason.BUDGET_VIOLATION, e.getMessage());
    } catch (OutOfMemoryError e) {
      status = fail(output, Reason.MEMORY_LIMIT, "out of memory: " + e.getMessage());
    } catch (Throwable e) {
      status = fail(output, Reason.CHILD_FAILED, describe(e));
    }
    out.flush();
    System.exit(status);
  }

  /**
   * Loads the native libraries (unpacking them into the cache) and exits; no job, no experiment.
   */
  private static void prepare() {
    try {
      Backend.start(1, Backend.Preference.AUTO);
      System.exit(0);
    } catch (Throwable e) {
      System.err.println("prepare: " + describe(e));
      System.exit(3);
    }
  }

  private static void train(
      Path folder,
      Path output,
      ChildJob.Spec spec,
      Backend backend,
      Tokenizer tokenizer,
      ModelContext context,
      Experiment<?> experiment,
      PrintStream out)
      throws Exception {
    int[] tokens = tokenizer.encode(Files.readAllBytes(folder.resolve(ChildJob.TRAIN)));
    TrainingSession session =
        new TrainingSession(
            context,
            tokens,
            spec.seed(),
            spec.maxBatchSize(),
            spec.hashInterval(),
            (step, total, loss) ->
                out.printf(
                    Locale.ROOT,
                    "@step %d %d %s%n",
                    step,
                    total,
                    loss.isPresent() ? Double.toString(loss.getAsDouble()) : "nan"),
            line -> out.println("@log " + line.replace('\n', ' ')));
    long steps = spec.steps();
    long flopBudget = spec.flops() > 0 ? spec.flops() : Long.MAX_VALUE;
    if (spec.flops() > 0) {
      out.println("@phase calibrate");
      steps = session.stepsForFlops(experiment, spec.flops());
    } else if (steps == 0) {
      out.println("@phase calibrate");
      steps = session.calibrate(experiment, spec.seconds());
    }
    out.println("@phase train");
    TrainingSession.Result result =
        session.train(experiment, steps, flopBudget, output.resolve(ChildJob.PARAMETERS));
    ChildJob.write(
        output.resolve(ChildJob.TRAINED),
        new ChildJob.Trained(
            result.steps(),
            result.tokens(),
            result.parameterCount(),
            result.losses(),
            result.segmentHashes(),
            result.finalParamHash(),
            result.trainingSeconds(),
            result.flops(),
            backend.deviceName(),
            backend.libtorchVersion(),
            result.precision(),
            backend.threads(),
            HardwareClass.measure(backend),
            backend.deviceModel(),
            Determinism.inForce(backend.isCuda(), System.getenv())));
  }

  private static void evaluate(
      Path folder,
      Path output,
      ChildJob.Spec spec,
      Tokenizer tokenizer,
      ModelContext context,
      Experiment<?> experiment)
      throws Exception {
    int[] validation = tokenizer.encode(Files.readAllBytes(folder.resolve(ChildJob.VALIDATION)));
    EvaluationSession session = new EvaluationSession(context, spec.seed(), spec.evalTokens());
    Evaluator.Score score =
        session.evaluate(
            experiment,
            folder.resolve(ChildJob.PARAMETERS),
            spec.expectedParamHash(),
            validation,
            tokenizer);
    ChildJob.write(
        output.resolve(ChildJob.EVALUATED),
        new ChildJob.Evaluated(score.valBpb(), score.targets(), score.bytes()));
  }

  private static void infer(
      Path folder,
      Path output,
      ChildJob.Spec spec,
      Backend backend,
      Tokenizer tokenizer,
      ModelContext context,
      Experiment<?> experiment)
      throws Exception {
    InferenceRequest request =
        InferenceRequestJson.fromJson(
            Files.readString(folder.resolve(ChildJob.REQUEST), StandardCharsets.UTF_8));
    InferenceResponse response =
        new InferenceSession(context, tokenizer)
            .run(
                experiment,
                folder.resolve(ChildJob.PARAMETERS),
                spec.expectedParamHash(),
                request,
                () -> HardwareClass.measure(backend));
    Files.writeString(
        output.resolve(ChildJob.INFERRED),
        InferenceResponseJson.toJson(response),
        StandardCharsets.UTF_8);
  }

  private static int fail(Path folder, Reason reason, String message) {
    try {
      ChildJob.write(
          folder.resolve(ChildJob.FAILURE), new ChildJob.Failure(reason.name(), message));
    } catch (Exception e) {
      System.err.println("cannot write failure: " + e);
    }
    System.err.println(reason + ": " + message);
    return 3;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.toString());
    StackTraceElement[] frames = e.getStackTrace();
    for (int i = 0; i < Math.min(6, frames.length); i++) {
      text.append("\n  at ").append(frames[i]);
    }
    if (e.getCause() != null && e.getCause() != e) {
      text.append("\ncaused by ").append(e.getCause());
    }
    return text.toString();
  }
}
