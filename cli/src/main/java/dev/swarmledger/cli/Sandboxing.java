package dev.swarmledger.cli;

import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.sandbox.Containment;
import java.io.PrintStream;

/** How a contributor's own commands treat containment: use it, or say loudly that there is none. */
final class Sandboxing {
  static final String UNSAFE_OPTION = "--unsafe-no-sandbox";

  private Sandboxing() {}

  /**
   * {@code settings} with no containment if {@code unsafe}, and a warning on {@code err} whenever
   * experiment code will run uncontained. A contributor may run their own code uncontained; the
   * record says {@code "sandbox": "none"} and verifiers re-run it contained anyway.
   */
  static TrainerSettings forContributor(TrainerSettings settings, boolean unsafe, PrintStream err) {
    if (unsafe) {
      err.println(
          "WARNING: "
              + UNSAFE_OPTION
              + ": experiment code runs WITHOUT containment and can read every file this user"
              + " can, use the network and start processes. For development only; the run"
              + " record says \"sandbox\": \"none\".");
      return settings.withContainment(Containment.NONE);
    }
    if (!settings.containment().isolates()) {
      err.println(
          "WARNING: no containment: "
              + Containment.problem().orElse("bubblewrap is not in use")
              + ". Experiment code runs WITHOUT a sandbox (recorded as \"sandbox\": \"none\")."
              + " Install bubblewrap (apt-get install bubblewrap) and check with `swarm doctor`.");
    }
    return settings;
  }
}
