package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.experiment.Batch;
import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import dev.swarmledger.trainer.experiment.optim.AdamWOptimizer;
import dev.swarmledger.trainer.run.LossSample;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The loop's path off the CPU (states hashed from copies on a worker thread, loss samples read back
 * in batches) gives exactly the hashes and samples of the direct path.
 */
class DeferredLoopTest {
  private static Device cpu;

  @BeforeAll
  static void start() throws Exception {
    cpu = Backend.start(1, Backend.Preference.CPU).device();
  }

  record Trained(List<String> links, List<LossSample> losses) {}

  private static Trained train(boolean deferred, long steps) {
    int[] tokens = new int[4_000];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = (i * 7 + i / 13) % 256;
    }
    torch.manual_seed(5);
    Gpt model = new Gpt(GptConfig.of(1, 16, 2), new ModelContext(256, 16, cpu));
    AdamWOptimizer adamW = new AdamWOptimizer(model.allParameters(), 0.01);
    SegmentChain chain = new SegmentChain();
    HarnessLoop loop =
        new HarnessLoop(
            steps,
            Long.MAX_VALUE,
            new BatchSampler(tokens, 16, 9, cpu),
            16,
            256,
            cpu,
            4,
            2,
            model.module(),
            chain,
            StepListener.NONE,
            line -> {},
            deferred);
    try {
      while (loop.hasNext()) {
        Batch batch = loop.next(4);
        Tensor loss = model.loss(batch.inputs(), batch.targets());
        loss.backward();
        adamW.step(1.0);
        adamW.zeroGrad();
        loop.recordLoss(loss);
      }
      loop.finish();
    } finally {
      loop.abandon();
    }
    return new Trained(chain.links(), loop.losses());
  }

  @Test
  void deferredHashesAndLossesAreTheDirectOnes() {
    // More loss samples than one read-back buffer holds, and a hash every second step.
    long steps = HarnessLoop.LOSS_BUFFER + 9;
    Trained direct = train(false, steps);
    Trained deferred = train(true, steps);
    assertThat(direct.links()).hasSize((int) (steps / 2));
    assertThat(deferred.links()).isEqualTo(direct.links());
    assertThat(deferred.losses()).isEqualTo(direct.losses()).hasSize((int) steps);
  }
}
