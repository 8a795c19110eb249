package dev.swarmledger.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md, "Modules": the trainer must not depend on Netty, RocksDB or web3j, nor on
 * the modules above it.
 */
class LayeringTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "io.netty",
          "org.rocksdb",
          "org.web3j",
          "dev.swarmledger.node",
          "dev.swarmledger.cli",
          "dev.swarmledger.verifier",
          "dev.swarmledger.contributor");

  @Test
  void mainSourcesImportNothingForbidden() throws IOException {
    List<String> offending;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      offending =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(LayeringTest::importLines)
              .filter(line -> FORBIDDEN.stream().anyMatch(line::contains))
              .collect(Collectors.toList());
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void theExperimentApiDoesNotReachIntoTheHarness() throws IOException {
    List<String> offending;
    try (Stream<Path> files =
        Files.walk(Path.of("src/main/java/dev/swarmledger/trainer/experiment"))) {
      offending =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .flatMap(LayeringTest::importLines)
              .filter(
                  line ->
                      line.contains("dev.swarmledger.trainer.")
                          && !line.contains("dev.swarmledger.trainer.experiment"))
              .collect(Collectors.toList());
    }
    assertThat(offending).isEmpty();
  }

  private static Stream<String> importLines(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith("import "))
          .map(line -> file.getFileName() + ": " + line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
