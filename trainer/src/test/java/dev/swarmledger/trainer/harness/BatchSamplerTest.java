package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.experiment.Batch;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The device path (tokens gathered where the model runs) hands out the host path's batches. */
class BatchSamplerTest {
  @Test
  void gatheringOnTheDeviceYieldsTheSameBatchesAsCopyingFromTheHost() {
    int[] tokens = new int[5_000];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = (i * 31 + i / 7) % 256;
    }
    Device cpu = new Device("cpu");
    BatchSampler host = new BatchSampler(tokens, 64, 42, cpu, false);
    BatchSampler gathered = new BatchSampler(tokens, 64, 42, cpu, true);
    for (int step = 0; step < 5; step++) {
      int rows = 1 + step * 3;
      Batch a = host.next(step, rows);
      Batch b = gathered.next(step, rows);
      assertThat(values(b.inputs())).containsExactly(values(a.inputs()));
      assertThat(values(b.targets())).containsExactly(values(a.targets()));
      assertThat(b.inputs().sizes().vec().get()).containsExactly(rows, 64);
    }
  }

  private static long[] values(Tensor t) {
    Tensor flat = t.contiguous().view(-1);
    long[] out = new long[(int) flat.numel()];
    for (int i = 0; i < out.length; i++) {
      out[i] = flat.get(i).item_long();
    }
    return out;
  }
}
