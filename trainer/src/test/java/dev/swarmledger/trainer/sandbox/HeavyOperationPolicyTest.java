package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every heavy operation an experiment runs is counted: the raw products, attention, convolutions,
 * the modules that run them and explicit backward passes are refused, the counted {@code Ops} and
 * {@code Linear} are allowed, and the harness's counter is out of reach.
 */
class HeavyOperationPolicyTest {
  private static final ExperimentCompiler COMPILER = ExperimentCompiler.forThisJvm();
  private static final String T = "org.bytedeco.pytorch.Tensor a = torch.ones(4, 4);\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a.matmul(a);|Tensor.matmul",
        "a.mm(a);|Tensor.mm",
        "a.addmm_(a, a);|Tensor.addmm_",
        "a.bmm(a);|Tensor.bmm",
        "torch.matmul(a, a);|torch.matmul",
        "torch.mm(a, a);|torch.mm",
        "torch.linear(a, a);|torch.linear",
        "torch.einsum(\"ij,jk->ik\", new org.bytedeco.pytorch.TensorArrayRef());|torch.einsum",
        "torch.scaled_dot_product_attention(a, a, a);|torch.scaled_dot_product_attention",
        "torch.conv1d(a, a);|torch.conv1d",
        "new org.bytedeco.pytorch.LinearImpl(4, 4);|LinearImpl",
        "new org.bytedeco.pytorch.MultiheadAttentionImpl(4, 2);|MultiheadAttentionImpl",
        "a.backward(a, new org.bytedeco.pytorch.BoolOptional(), true,"
            + " new org.bytedeco.pytorch.TensorArrayRefOptional());|Tensor.backward",
        "dev.swarmledger.trainer.experiment.FlopCounter.start();|FlopCounter",
      })
  void aHeavyOperationOutsideOpsIsRefused(String call, String symbol) {
    String source =
        ExperimentCompilerTest.experiment("import org.bytedeco.pytorch.global.torch;", T + call);
    assertThatThrownBy(() -> COMPILER.compile(source))
        .isInstanceOf(SourceRefusedException.class)
        .hasMessageContaining(symbol);
  }

  @Test
  void theCountedOperationsAndAPlainBackwardAreAllowed() throws Exception {
    String body =
        T
            + "Linear layer = new Linear(4, 4, true);\n"
            + "org.bytedeco.pytorch.Tensor y = Ops.matmul(a, Ops.linear(a, layer.weight()));\n"
            + "y = Ops.attention(y.view(1, 1, 4, 4), y.view(1, 1, 4, 4), y.view(1, 1, 4, 4), true);\n"
            + "layer.forward(y).sum().backward();\n";
    String source =
        ExperimentCompilerTest.experiment("import org.bytedeco.pytorch.global.torch;", body);
    assertThat(COMPILER.compile(source).className()).isEqualTo("Probe");
  }

  @Test
  void everyHeavyNamePartRefusesTheTorchMembersThatCarryIt() {
    for (String name : List.of("baddbmm", "addmv", "tensordot", "linalg_svd", "kron", "outer")) {
      assertThat(BytedecoAllowlist.refusal("org.bytedeco.pytorch.global", "torch", name, List.of()))
          .as(name)
          .isPresent();
    }
    assertThat(BytedecoAllowlist.torchMembers()).doesNotContain("matmul", "linear", "einsum");
  }
}
