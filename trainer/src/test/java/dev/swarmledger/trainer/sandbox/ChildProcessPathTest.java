package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A child starts elsewhere, so the class path it is given names files absolutely. */
class ChildProcessPathTest {
  @Test
  void relativeClassPathEntriesBecomeAbsolute() {
    String here = Path.of("").toAbsolutePath().toString();
    String given = "cli/target/swarm.jar" + File.pathSeparator + "/opt/lib/x.jar";
    assertThat(ChildProcess.absolute(given))
        .isEqualTo(here + "/cli/target/swarm.jar" + File.pathSeparator + "/opt/lib/x.jar");
  }
}
