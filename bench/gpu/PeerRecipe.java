// The Python peer's recipe (bench/gpu/peer.py) as an experiment, for side-by-side throughput and
// training-quality figures: the same GPT, AdamW on every parameter at a constant 2e-3, betas
// (0.9, 0.95), no weight decay, 64 rows of 256 tokens, bf16 autocast on CUDA.
// Shape from the environment-free constants below; bench/gpu/run.sh writes variants of this file.

import dev.swarmledger.trainer.experiment.Autocast;
import dev.swarmledger.trainer.experiment.Batch;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import dev.swarmledger.trainer.experiment.optim.AdamWOptimizer;
import org.bytedeco.pytorch.Tensor;

public class PeerRecipe implements Experiment<Gpt> {
  static final int LAYERS = 8;
  static final int WIDTH = 512;
  static final int HEADS = 8;
  static final int ROWS = 64;
  static final boolean BF16 = true;

  @Override
  public Gpt model(ModelContext context) {
    return new Gpt(GptConfig.of(LAYERS, WIDTH, HEADS), context);
  }

  @Override
  public void train(Gpt model, TrainingLoop loop) {
    if (BF16 && loop.device().is_cuda()) {
      Autocast.bf16(loop.device());
    }
    AdamWOptimizer adamW = new AdamWOptimizer(model.allParameters(), 0.002, 0.9, 0.95, 0.0);
    while (loop.hasNext()) {
      Batch batch = loop.next(ROWS);
      Tensor loss = model.loss(batch.inputs(), batch.targets());
      loss.backward();
      adamW.step(1.0);
      adamW.zeroGrad();
      loop.recordLoss(loss);
    }
  }
}
