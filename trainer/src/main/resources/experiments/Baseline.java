// The baseline experiment: a small GPT trained with Muon (block matrices) and AdamW (everything
// else).
// Copy this file, change anything, and run it with:  ./swarm run MyExperiment.java
// It may use the trainer's experiment API, Bytedeco PyTorch, java.lang (no processes, threads,
// reflection or I/O) and java.util; the harness owns seeding, data order, budget and evaluation.

import dev.swarmledger.trainer.experiment.Batch;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import dev.swarmledger.trainer.experiment.gpt.Activation;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import dev.swarmledger.trainer.experiment.optim.AdamWOptimizer;
import dev.swarmledger.trainer.experiment.optim.MuonOptimizer;
import dev.swarmledger.trainer.experiment.optim.Schedule;
import org.bytedeco.pytorch.Tensor;

public class Baseline implements Experiment<Gpt> {
  // Model: 4 blocks of width 128 with 4 heads of 32, a ReLU² MLP 4x wide, QK-norm, RoPE.
  static final GptConfig MODEL =
      new GptConfig(4, 128, 4, 512, Activation.RELU_SQUARED, true, 10_000);
  // Optimisation: rows of 256 tokens per step, learning rates, and the step-driven schedule.
  static final int BATCH_ROWS = 16;
  static final double ADAMW_RATE = 0.006;
  static final double MUON_RATE = 0.03;
  static final Schedule SCHEDULE = new Schedule(10, 0.4, 0.05);

  @Override
  public Gpt model(ModelContext context) {
    return new Gpt(MODEL, context);
  }

  @Override
  public void train(Gpt model, TrainingLoop loop) {
    AdamWOptimizer adamW = new AdamWOptimizer(model.embeddingAndHeadParameters(), ADAMW_RATE);
    MuonOptimizer muon = new MuonOptimizer(model.matrixParameters(), MUON_RATE);
    while (loop.hasNext()) {
      Batch batch = loop.next(BATCH_ROWS);
      Tensor loss = model.loss(batch.inputs(), batch.targets());
      loss.backward();
      double factor = SCHEDULE.factor(batch.step(), loop.totalSteps());
      adamW.step(factor);
      muon.step(factor);
      adamW.zeroGrad();
      muon.zeroGrad();
      loop.recordLoss(loss);
    }
  }
}
