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

/** Tiny, trained under bf16 autocast (on the CPU here: libtorch supports it there too). */
public class TinyBf16 implements Experiment<Gpt> {
  @Override
  public Gpt model(ModelContext context) {
    return new Gpt(new GptConfig(1, 16, 2, 32, Activation.RELU_SQUARED, true, 10_000), context);
  }

  @Override
  public void train(Gpt model, TrainingLoop loop) {
    Autocast.bf16(loop.device());
    AdamWOptimizer adamW = new AdamWOptimizer(model.embeddingAndHeadParameters(), 0.01);
    MuonOptimizer muon = new MuonOptimizer(model.matrixParameters(), 0.02);
    Schedule schedule = new Schedule(2, 0.5, 0.1);
    while (loop.hasNext()) {
      Batch batch = loop.next(4);
      Tensor loss = model.loss(batch.inputs(), batch.targets());
      loss.backward();
      double factor = schedule.factor(batch.step(), loop.totalSteps());
      adamW.step(factor);
      muon.step(factor);
      adamW.zeroGrad();
      muon.zeroGrad();
      loop.recordLoss(loss);
    }
  }
}
