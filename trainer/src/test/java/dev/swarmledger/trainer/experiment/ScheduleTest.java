package dev.swarmledger.trainer.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.experiment.optim.Schedule;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  @Test
  void warmsUpHoldsAndWarmsDownByStep() {
    Schedule schedule = new Schedule(10, 0.5, 0.0);
    assertThat(schedule.factor(0, 100)).isCloseTo(0.1, Offset.offset(1e-12));
    assertThat(schedule.factor(9, 100)).isEqualTo(1.0);
    assertThat(schedule.factor(49, 100)).isEqualTo(1.0);
    assertThat(schedule.factor(74, 100)).isCloseTo(0.5, Offset.offset(1e-12));
    assertThat(schedule.factor(99, 100)).isCloseTo(0.0, Offset.offset(1e-12));
  }
}
