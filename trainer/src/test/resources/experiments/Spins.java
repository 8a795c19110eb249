import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;

/** Never returns from training. */
public class Spins implements Experiment<Gpt> {
  @Override
  public Gpt model(ModelContext context) {
    return new Gpt(GptConfig.of(1, 16, 2), context);
  }

  @Override
  public void train(Gpt model, TrainingLoop loop) {
    long n = 0;
    while (n >= 0) {
      n++;
    }
  }
}
