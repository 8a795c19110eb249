package dev.swarmledger.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WriteBatchTest {
  @Test
  void reportsCountAndApproximateSize() {
    WriteBatch batch = new WriteBatch();
    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.approximateSizeInBytes()).isZero();

    batch.put(new byte[10], new byte[1000]).delete(new byte[10]);

    assertThat(batch.size()).isEqualTo(2);
    assertThat(batch.isEmpty()).isFalse();
    assertThat(batch.approximateSizeInBytes()).isBetween(1020L, 1100L);
  }

  @Test
  void refusesNulls() {
    WriteBatch batch = new WriteBatch();
    assertThatThrownBy(() -> batch.put(null, new byte[0])).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> batch.put(new byte[0], null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> batch.delete(null)).isInstanceOf(NullPointerException.class);
    assertThat(batch.isEmpty()).isTrue();
  }
}
