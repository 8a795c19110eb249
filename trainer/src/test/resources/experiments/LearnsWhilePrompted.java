import dev.swarmledger.trainer.experiment.Batch;
import dev.swarmledger.trainer.experiment.Experiment;
import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.TrainingLoop;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * A bigram table that behaves during evaluation (whole windows) but changes itself whenever it sees
 * a sequence shorter than a window, as a prompt is: it passes a run and must be refused by
 * inference.
 */
public class LearnsWhilePrompted implements Experiment<LearnsWhilePrompted.Model> {
  public static class Model extends Module implements LanguageModel {
    private final EmbeddingImpl table;
    private final int window;

    Model(ModelContext context) {
      window = context.sequenceLength();
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
      if (!is_training() && tokens.size(1) < window) {
        try (NoGradGuard noGrad = new NoGradGuard()) {
          table.weight().mul_(new Scalar(0.5));
        }
      }
      return table.forward(tokens);
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
