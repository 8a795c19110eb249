package dev.swarmledger.trainer.experiment.gpt;

import static org.bytedeco.pytorch.global.torch.cross_entropy;

import dev.swarmledger.trainer.experiment.LanguageModel;
import dev.swarmledger.trainer.experiment.Linear;
import dev.swarmledger.trainer.experiment.ModelContext;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.EmbeddingImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * A small GPT: token embedding, {@code layers} pre-norm blocks (RoPE attention and MLP), a final
 * RMSNorm and an untied output head initialised to zero (so the untrained model predicts
 * uniformly).
 */
public class Gpt extends Module implements LanguageModel {
  private final int vocabularySize;
  private final EmbeddingImpl embedding;
  private final List<Block> blocks = new ArrayList<>();
  private final RmsNorm finalNorm;
  private final Linear head;

  public Gpt(GptConfig config, ModelContext context) {
    this.vocabularySize = context.vocabularySize();
    this.embedding =
        register_module("embedding", new EmbeddingImpl(context.vocabularySize(), config.width()));
    for (int i = 0; i < config.layers(); i++) {
      blocks.add(
          register_module(
              "block" + i, new Block(config, context.sequenceLength(), context.device())));
    }
    this.finalNorm = register_module("finalNorm", new RmsNorm(config.width()));
    this.head =
        register_module(
            "head", CausalSelfAttention.linear(config.width(), context.vocabularySize()));
    try (NoGradGuard noGrad = new NoGradGuard()) {
      head.weight().zero_();
    }
    if (!context.device().is_cpu()) {
      to(context.device(), false);
    }
  }

  @Override
  public Module module() {
    return this;
  }

  @Override
  public Tensor logits(Tensor tokens) {
    Tensor x = embedding.forward(tokens);
    for (Block block : blocks) {
      x = block.forward(x);
    }
    return head.forward(finalNorm.forward(x));
  }

  /** Mean cross-entropy (nats) of predicting {@code targets} from {@code inputs}. */
  public Tensor loss(Tensor inputs, Tensor targets) {
    Tensor logits = logits(inputs);
    return cross_entropy(logits.view(-1, vocabularySize), targets.view(-1));
  }

  /** Every parameter, for an optimiser that takes them all (AdamW on everything). */
  public List<Tensor> allParameters() {
    List<Tensor> all = new ArrayList<>();
    for (Tensor p : parameters().get()) {
      all.add(new Tensor(p)); // own handle: the vector's elements die with the vector
    }
    return all;
  }

  /** The 2-D weights inside the blocks: the parameters Muon is meant for. */
  public List<Tensor> matrixParameters() {
    List<Tensor> matrices = new ArrayList<>();
    for (Block block : blocks) {
      for (Tensor p : block.parameters().get()) {
        if (p.dim() == 2) {
          matrices.add(new Tensor(p)); // own handle: the vector's elements die with the vector
        }
      }
    }
    return matrices;
  }

  /** Embedding, head and every parameter that is not a block matrix (AdamW territory). */
  public List<Tensor> embeddingAndHeadParameters() {
    List<Tensor> rest = new ArrayList<>();
    rest.add(embedding.weight());
    rest.add(head.weight());
    for (Block block : blocks) {
      for (Tensor p : block.parameters().get()) {
        if (p.dim() != 2) {
          rest.add(new Tensor(p));
        }
      }
    }
    return rest;
  }
}
