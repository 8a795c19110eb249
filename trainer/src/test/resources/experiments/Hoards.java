import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Allocates native memory (outside the Java heap) until something stops it. */
public class Hoards implements Experiment<Gpt> {
  @Override
  public Gpt model(ModelContext context) {
    return new Gpt(GptConfig.of(1, 16, 2), context);
  }

  @Override
  public void train(Gpt model, TrainingLoop loop) {
    List<Tensor> hoard = new ArrayList<>();
    while (true) {
      hoard.add(torch.ones(64L << 20)); // 256 MiB each, touched
    }
  }
}
