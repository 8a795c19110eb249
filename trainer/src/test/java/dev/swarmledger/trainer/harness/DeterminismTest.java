package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness's determinism settings and its self-check, on this (CPU) host. */
class DeterminismTest {
  @Test
  void startingTheBackendTurnsOnDeterministicAlgorithms() throws Exception {
    Backend backend = Backend.start(1, Backend.Preference.CPU);
    Determinism.Settings settings = Determinism.inForce(backend.isCuda(), Map.of());
    assertThat(settings.algorithms()).isTrue();
    assertThat(settings.attention()).isEqualTo("cpu");
    assertThat(settings.enforced()).isTrue();
  }

  @Test
  void onCudaTheWorkspaceConfigurationIsPartOfWhatIsEnforced() {
    assertThat(new Determinism.Settings(true, ":4096:8", "math", false).enforced()).isTrue();
    assertThat(new Determinism.Settings(true, "", "math", false).enforced()).isFalse();
    assertThat(new Determinism.Settings(true, ":4096:8", "math", true).enforced()).isFalse();
    assertThat(new Determinism.Settings(false, ":4096:8", "math", false).enforced()).isFalse();
  }

  @Test
  void anOperatorMayChooseTheAttentionKernelByNameOnly() {
    assertThat(Determinism.attentionKernel(Map.of())).isEqualTo(Determinism.DEFAULT_ATTENTION);
    assertThat(Determinism.attentionKernel(Map.of(Determinism.ATTENTION_ENVIRONMENT, "Efficient")))
        .isEqualTo(Determinism.AttentionKernel.EFFICIENT);
    assertThatThrownBy(
            () -> Determinism.attentionKernel(Map.of(Determinism.ATTENTION_ENVIRONMENT, "fast")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flash, efficient, cudnn or math");
  }

  @Test
  void theSelfCheckPassesOnThisHostAndTrainsTwice() throws Exception {
    Backend backend = Backend.start(1, Backend.Preference.CPU);
    DeterminismCheck.Outcome outcome = DeterminismCheck.run(backend);
    assertThat(outcome.first()).matches("[0-9a-f]{64}");
    assertThat(outcome.reproducible()).isTrue();
    assertThat(outcome.precision()).isEqualTo("float32");
  }

  @Test
  void theSelfCheckRefusesAClassWhoseRunsDiffer() throws Exception {
    Backend backend = Backend.start(1, Backend.Preference.CPU);
    AtomicInteger runs = new AtomicInteger();
    DeterminismCheck.Outcome outcome =
        DeterminismCheck.run(backend, (b, path) -> runs.incrementAndGet() == 1 ? "a" : "b");
    assertThat(runs).hasValue(2);
    assertThat(outcome.reproducible()).isFalse();
  }
}
