import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;

/** Takes one batch of a longer budget and returns. */
public class StopsEarly implements Experiment<Gpt> {
  @Override
  public Gpt model(ModelContext context) {
    return new Gpt(GptConfig.of(1, 16, 2), context);
  }

  @Override
  public void train(Gpt model, TrainingLoop loop) {
    loop.next(2);
  }
}
