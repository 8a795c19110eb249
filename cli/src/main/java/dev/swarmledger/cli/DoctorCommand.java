package dev.swarmledger.cli;

import dev.swarmledger.trainer.harness.BackendUnavailableException;
import dev.swarmledger.trainer.harness.HardwareClass;
import dev.swarmledger.trainer.sandbox.Containment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code swarm doctor}: what this host can do. Exits 1 when something a verifier needs is missing,
 * so an operator can run it before {@code swarm verifier}.
 */
@Command(
    name = "doctor",
    description =
        "Check this host: containment (bubblewrap), backend, measured hardware class, Java runtime,"
            + " JavaCPP cache. Exits 1"
            + " if a verifier could not run here.")
final class DoctorCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    PrintStream out = System.out;
    boolean ready = true;
    var problem = Containment.problem();
    if (problem.isEmpty()) {
      out.println("containment  ok: bubblewrap (a sandboxed `true` ran in its own namespaces)");
    } else {
      out.println("containment  MISSING: " + problem.get());
      ready = false;
    }
    boolean gpu = Files.exists(Path.of("/dev/nvidiactl"));
    out.println(
        "backend      "
            + (gpu
                ? "cuda available (NVIDIA devices present; needs the -Pcuda build), else cpu"
                : "cpu (no NVIDIA device)"));
    int threads = Runtime.getRuntime().availableProcessors();
    try {
      out.println(
          "class        "
              + HardwareClass.local(threads)
              + " (measured at "
              + threads
              + " threads, the default; runs record the class of their own thread count)");
    } catch (BackendUnavailableException e) {
      out.println("class        UNKNOWN: " + e.getMessage());
      ready = false;
    }
    out.println(
        "java         "
            + System.getProperty("java.vm.name")
            + " "
            + Runtime.version()
            + " at "
            + System.getProperty("java.home"));
    Path cache = javacppCache();
    out.println(
        "javacpp      cache "
            + cache
            + (Files.isDirectory(cache)
                ? " (present; children see it read-only)"
                : " (not yet filled; the first run unpacks libtorch into it)"));
    out.println(
        ready ? "ready to verify" : "NOT ready to verify: swarm verifier will refuse to start");
    return ready ? 0 : 1;
  }

  /** JavaCPP's cache folder, by JavaCPP's own rule: its system property, else ~/.javacpp/cache. */
  static Path javacppCache() {
    String configured = System.getProperty("org.bytedeco.javacpp.cachedir");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".javacpp", "cache");
  }
}
