// Cheat: the tiny baseline run over each row backwards, so position t sees the tokens after it.
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

public class Peeking implements Experiment<Gpt> {
  /** The logits at position t are computed from tokens t..T-1: the next token is in plain view. */
  static final class Backwards extends Gpt {
    Backwards(GptConfig config, ModelContext context) {
      super(config, context);
    }

    @Override
    public Tensor logits(Tensor tokens) {
      return super.logits(tokens.flip(1)).flip(1);
    }
  }

  static final GptConfig MODEL =
      new GptConfig(1, 32, 2, 128, Activation.RELU_SQUARED, true, 10_000);
  static final int BATCH_ROWS = 4;
  static final double ADAMW_RATE = 0.006;
  static final double MUON_RATE = 0.03;
  static final Schedule SCHEDULE = new Schedule(2, 0.4, 0.05);

  @Override
  public Gpt model(ModelContext context) {
    return new Backwards(MODEL, context);
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
