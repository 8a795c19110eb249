package dev.swarmledger.cli;

import dev.swarmledger.trainer.ProgressListener;
import java.util.OptionalDouble;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Terminal progress bars for training runs. */
final class ProgressBars {
  private ProgressBars() {}

  /** A listener that draws one bar over the training steps of a run. */
  static ProgressListener training(String task) {
    return new ProgressListener() {
      private ProgressBar bar;

      @Override
      public synchronized void phase(String name) {
        if (!name.equals("train") && bar != null) {
          bar.close();
          bar = null;
        }
      }

      @Override
      public synchronized void step(long step, long total, OptionalDouble loss) {
        if (bar == null) {
          bar =
              new ProgressBarBuilder()
                  .setTaskName(task)
                  .setInitialMax(total)
                  .setStyle(ProgressBarStyle.ASCII)
                  .setUpdateIntervalMillis(250)
                  .build();
        }
        bar.stepTo(step);
        loss.ifPresent(l -> bar.setExtraMessage(String.format("loss %.3f", l)));
      }
    };
  }
}
