// The enwik8 baseline: a 25M-parameter GPT trained in bf16 autocast on a GPU, Muon for the block
// matrices and AdamW for everything else. Run it with:
//   ./swarm run Enwik8Baseline.java --track enwik8 --device cuda
// The harness keeps CUDA deterministic (a verifier of the same hardware class reproduces the run
// bit
// for bit) and evaluates in float32 whatever precision training used.

import dev.swarmledger.trainer.experiment.Autocast;
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

public class Enwik8Baseline implements Experiment<Gpt> {
  // Model: 8 blocks of width 512 with 8 heads of 64, a ReLU² MLP 4x wide, QK-norm, RoPE.
  static final GptConfig MODEL =
      new GptConfig(8, 512, 8, 2048, Activation.RELU_SQUARED, true, 10_000);
  static final int BATCH_ROWS = 64;
  static final double ADAMW_RATE = 0.004;
  static final double MUON_RATE = 0.02;
  static final Schedule SCHEDULE = new Schedule(20, 0.4, 0.05);

  @Override
  public Gpt model(ModelContext context) {
    return new Gpt(MODEL, context);
  }

  @Override
  public void train(Gpt model, TrainingLoop loop) {
    // bf16 autocast where the GPU has it; the CPU trains in float32 (bf16 there is emulated).
    if (loop.device().is_cuda()) {
      Autocast.bf16(loop.device());
    }
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
