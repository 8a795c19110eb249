import dev.swarmledger.trainer.experiment.Batch;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/** Cheats: predicts position t from token t+1 (the target itself). The harness must void it. */
public class Peeking implements Experiment<Peeking.Model> {
  public static class Model extends Module implements LanguageModel {
    private final EmbeddingImpl table;

    Model(ModelContext context) {
      table =
          register_module(
              "table", new EmbeddingImpl(context.vocabularySize(), context.vocabularySize()));
    }

    @Override
    public Module module() {
      return this;
    }

    @Override
    public Tensor logits(Tensor tokens) {
      long time = tokens.size(1);
      Tensor next = tokens.narrow(1, 1, time - 1);
      Tensor padded =
          org.bytedeco.pytorch.global.torch.cat(
              new org.bytedeco.pytorch.TensorVector(next, tokens.narrow(1, time - 1, 1)), 1);
      return table.forward(padded);
    }
  }

  @Override
  public Model model(ModelContext context) {
    return new Model(context);
  }

  @Override
  public void train(Model model, TrainingLoop loop) {
    while (loop.hasNext()) {
      Batch batch = loop.next(2);
    }
  }
}
