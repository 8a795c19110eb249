package dev.swarmledger.trainer.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.trainer.experiment.ModelContext;
import dev.swarmledger.trainer.experiment.gpt.Activation;
import dev.swarmledger.trainer.experiment.gpt.Gpt;
import dev.swarmledger.trainer.experiment.gpt.GptConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileDigestTest {
  private static Device cpu;

  @TempDir Path folder;

  @BeforeAll
  static void startTorch() throws Exception {
    cpu = Backend.start(1, Backend.Preference.CPU).device();
  }

  private Path written(long seed) throws IOException {
    torch.manual_seed(seed);
    Gpt model =
        new Gpt(
            new GptConfig(1, 16, 2, 32, Activation.RELU_SQUARED, true, 10_000),
            new ModelContext(256, 16, cpu));
    Path file = folder.resolve("p" + seed + ".bin");
    ParameterFile.write(model, file);
    assertThat(ParameterFileDigest.stateHash(file)).isEqualTo(ParameterHash.hex(model));
    return file;
  }

  @Test
  void theFileAloneGivesTheModelsStateHash() throws Exception {
    Path first = written(1);
    Path second = written(2);
    assertThat(ParameterFileDigest.stateHash(first))
        .isNotEqualTo(ParameterFileDigest.stateHash(second));
    assertThat(ParameterFileDigest.fileSha256(first))
        .isNotEqualTo(ParameterFileDigest.stateHash(first))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void aDamagedFileIsRefused() throws Exception {
    Path file = written(3);
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = folder.resolve("truncated.bin");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> ParameterFileDigest.stateHash(truncated))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
    Files.write(file, new byte[] {0}, StandardOpenOption.APPEND);
    assertThatThrownBy(() -> ParameterFileDigest.stateHash(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after its last tensor");
    Path other = folder.resolve("other.bin");
    Files.write(other, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThatThrownBy(() -> ParameterFileDigest.stateHash(other))
        .hasMessageContaining("not a parameter file");
  }
}
