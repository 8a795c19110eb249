package dev.swarmledger.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * protocol is pure: no file or network I/O, no transport/storage/ML/chain libraries, no JSON
 * annotations.
 */
class LayeringTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "\\b(java\\.io\\.File\\w*"
              + "|java\\.nio\\.file"
              + "|java\\.net"
              + "|io\\.netty"
              + "|org\\.rocksdb"
              + "|org\\.bytedeco"
              + "|org\\.web3j"
              + "|com\\.fasterxml\\.jackson\\.annotation)\\b");

  @Test
  void mainSourcesUseNoForbiddenPackages() throws IOException {
    Path main = Path.of("src", "main", "java");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(main)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    // Guard against scanning the wrong folder and passing vacuously.
    assertThat(sources).hasSizeGreaterThan(10);
    List<String> violations = new ArrayList<>();
    for (Path source : sources) {
      violations.addAll(
          violations(source.toString(), Files.readString(source, StandardCharsets.UTF_8)));
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void detectorFlagsForbiddenImports() {
    assertThat(violations("A.java", "import java.io.FileInputStream;")).hasSize(1);
    assertThat(violations("A.java", "import java.io.File;")).hasSize(1);
    assertThat(violations("A.java", "import java.nio.file.Path;")).hasSize(1);
    assertThat(violations("A.java", "import java.net.URI;")).hasSize(1);
    assertThat(violations("A.java", "import static io.netty.buffer.Unpooled.buffer;")).hasSize(1);
    assertThat(violations("A.java", "import org.rocksdb.RocksDB;")).hasSize(1);
    assertThat(violations("A.java", "import org.bytedeco.pytorch.Tensor;")).hasSize(1);
    assertThat(violations("A.java", "import org.web3j.crypto.Hash;")).hasSize(1);
    assertThat(violations("A.java", "import com.fasterxml.jackson.annotation.JsonProperty;"))
        .hasSize(1);
    assertThat(violations("A.java", "var p = java.nio.file.Path.of(\"x\");")).hasSize(1);
    assertThat(violations("A.java", "import java.io.UncheckedIOException;")).isEmpty();
    assertThat(violations("A.java", "import java.nio.charset.StandardCharsets;")).isEmpty();
    assertThat(violations("A.java", "import com.fasterxml.jackson.databind.JsonNode;")).isEmpty();
  }

  private static List<String> violations(String file, String source) {
    List<String> found = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = FORBIDDEN.matcher(lines[i]);
      if (m.find()) {
        found.add(file + ":" + (i + 1) + " uses " + m.group(1));
      }
    }
    return found;
  }
}
