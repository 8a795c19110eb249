package dev.swarmledger.cli;

import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.sandbox.Containment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What the daemons that run other people's code (verifier, worker) share on the command line. */
final class Daemons {
  private Daemons() {}

  /** {@code given}, or {@code ~/.swarmledger/<role>/<first 16 hex of the account>}. */
  static Path stateDir(Path given, String role, SigningKey key) {
    return given != null
        ? given
        : Path.of(
            System.getProperty("user.home"),
            ".swarmledger",
            role,
            key.publicKey().hex().substring(0, 16));
  }

  /** A trainer whose runs are killed after {@code minutes}, contained by the host's sandbox. */
  static Trainer trainer(long minutes) {
    return new Trainer(
        TrainerSettings.fromEnvironment(true).withWallTimeLimit(Duration.ofMinutes(minutes)));
  }

  /**
   * Why {@code role} must not start on this host: it would run {@code whose} code without
   * containment. Empty when the sandbox works.
   */
  static Optional<String> uncontained(Trainer trainer, String role, String whose) {
    if (trainer.settings().containment().isolates()) {
      return Optional.empty();
    }
    return Optional.of(
        role
            + ": refusing to start: no containment for "
            + whose
            + " ("
            + Containment.problem().orElse("none configured")
            + "). Install bubblewrap (apt-get install bubblewrap); `swarm doctor` checks.");
  }
}
