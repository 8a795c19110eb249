package dev.swarmledger.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.trainer.cuda.CudaHost;
import dev.swarmledger.trainer.cuda.CudaHostScanner;
import dev.swarmledger.trainer.cuda.NvidiaDevices;
import dev.swarmledger.trainer.harness.BackendUnavailableException;
import dev.swarmledger.trainer.harness.DeterminismCheck;
import dev.swarmledger.trainer.harness.HardwareClass;
import dev.swarmledger.trainer.sandbox.Containment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarm doctor}: what this host can do. Exits 1 when something a verifier needs is missing,
 * so an operator can run it before {@code swarm verifier}. CUDA is reported, never required.
 */
@Command(
    name = "doctor",
    description =
        "Check this host: containment (bubblewrap), backend (NVIDIA devices and driver, the libtorch"
            + " JNI build, CUDA libraries and what is missing, the LD_LIBRARY_PATH runs use),"
            + " measured hardware class, Java runtime, JavaCPP cache. Exits 1"
            + " if a verifier could not run here.")
final class DoctorCommand implements Callable<Integer> {
  private static final String INDENT = "             ";

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  @Override
  public Integer call() {
    Optional<String> containment = Containment.problem();
    CudaHost cuda = CudaHostScanner.thisHost();
    int threads = Runtime.getRuntime().availableProcessors();
    String hardwareClass = null;
    String classProblem = null;
    try {
      hardwareClass = HardwareClass.local(threads);
    } catch (BackendUnavailableException e) {
      classProblem = e.getMessage();
    }
    // A few steps of a small GPT twice, under the harness's settings (bf16 on CUDA): a class whose
    // runs differ cannot verify anything.
    Optional<String> irreproducible =
        classProblem == null ? DeterminismCheck.problem(threads) : Optional.empty();
    boolean ready = containment.isEmpty() && classProblem == null && irreproducible.isEmpty();
    Path cache = javacppCache();
    if (json) {
      ObjectNode o = Json.object();
      o.put("containment", containment.isEmpty() ? "bubblewrap" : null);
      o.put("containment_problem", containment.orElse(null));
      o.put("backend", cuda.usable() ? "cuda" : "cpu");
      o.set("cuda", CudaHostJson.encode(cuda));
      o.put("hardware_class", hardwareClass);
      o.put("hardware_class_threads", threads);
      o.put("hardware_class_problem", classProblem);
      o.put("reproducible", classProblem == null && irreproducible.isEmpty());
      o.put("reproducibility_problem", irreproducible.orElse(null));
      o.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
      o.put("java_home", System.getProperty("java.home"));
      o.put("javacpp_cache", cache.toString());
      o.put("javacpp_cache_present", Files.isDirectory(cache));
      o.put("ready_to_verify", ready);
      Json.print(o);
      return ready ? ExitCodes.OK : ExitCodes.HOST_UNFIT;
    }
    PrintStream out = System.out;
    if (containment.isEmpty()) {
      out.println("containment  ok: bubblewrap (a sandboxed `true` ran in its own namespaces)");
    } else {
      out.println("containment  MISSING: " + containment.get());
    }
    printBackend(out, cuda);
    if (hardwareClass != null) {
      out.println(
          "class        "
              + hardwareClass
              + " (measured at "
              + threads
              + " threads, the default; runs record the class of their own thread count)");
    } else {
      out.println("class        UNKNOWN: " + classProblem);
    }
    if (classProblem == null) {
      out.println(
          irreproducible
              .map(p -> "determinism  FAILED: " + p)
              .orElse(
                  "determinism  ok: a small GPT trained "
                      + DeterminismCheck.STEPS
                      + " steps twice to the same parameters"));
    }
    out.println(
        "java         "
            + System.getProperty("java.vm.name")
            + " "
            + Runtime.version()
            + " at "
            + System.getProperty("java.home"));
    out.println(
        "javacpp      cache "
            + cache
            + (Files.isDirectory(cache)
                ? " (present; children see it read-only)"
                : " (not yet filled; the first run unpacks libtorch into it)"));
    out.println(
        ready ? "ready to verify" : "NOT ready to verify: swarm verifier will refuse to start");
    return ready ? ExitCodes.OK : ExitCodes.HOST_UNFIT;
  }

  /** The backend section: what CUDA would use here, or exactly what it lacks. */
  static void printBackend(PrintStream out, CudaHost cuda) {
    out.println(
        "backend      "
            + (cuda.usable()
                ? "cuda (--device auto uses it), else cpu"
                : "cpu (cuda cannot be used here: see missing)"));
    NvidiaDevices devices = cuda.devices();
    String driver =
        devices.driverVersion().map(v -> "driver " + v).orElse("driver version unknown");
    if (!devices.gpus().isEmpty()) {
      for (int i = 0; i < devices.gpus().size(); i++) {
        NvidiaDevices.Gpu gpu = devices.gpus().get(i);
        out.println(
            (i == 0 ? "gpu          " : INDENT)
                + gpu.model()
                + " at "
                + gpu.bus()
                + (i == 0 ? ", " + driver : ""));
      }
    } else {
      out.println(
          "gpu          "
              + (devices.controlNode()
                  ? "NVIDIA devices present (no /proc/driver/nvidia/gpus to name them), " + driver
                  : "none (no /dev/nvidiactl)"));
    }
    out.println(
        "jni          "
            + (cuda.jni().gpu()
                ? "gpu build (" + cuda.jni().gpuFolder() + " on the class path)"
                : "cpu build (no " + cuda.jni().gpuFolder() + " on the class path)"));
    for (int i = 0; i < cuda.libraries().size(); i++) {
      CudaHost.Library library = cuda.libraries().get(i);
      out.printf(
          "%s%-17s %s%n", i == 0 ? "libraries    " : INDENT, library.file(), library.where());
    }
    out.println(
        "folders      "
            + (cuda.searched().isEmpty()
                ? "none searched exist"
                : cuda.searched().stream().map(Object::toString).collect(Collectors.joining(", ")))
            + cuda.wheel()
                .map(w -> "; PyTorch wheel " + w.torch() + " (found by " + w.foundBy() + ")")
                .orElse("; no PyTorch wheel"));
    List<String> problems = cuda.problems();
    if (problems.isEmpty()) {
      out.println("missing      nothing: " + cuda.message());
    }
    for (int i = 0; i < problems.size(); i++) {
      out.println((i == 0 ? "missing      " : INDENT) + problems.get(i));
    }
    List<String> added = cuda.addedFolders();
    out.println(
        "ld path      "
            + (added.isEmpty()
                ? "runs use this process's LD_LIBRARY_PATH"
                    + (cuda.ldLibraryPath().isEmpty() ? ", empty" : "=" + cuda.ldLibraryPath())
                    + (cuda.jni().gpu()
                        ? "; it needs no folder added"
                        : "; a CPU build adds no CUDA folder")
                : "runs use LD_LIBRARY_PATH="
                    + cuda.ldLibraryPath()
                    + " (adds "
                    + String.join(", ", added)
                    + "; ./swarm exports it, training children get it)"));
  }

  /** JavaCPP's cache folder, by JavaCPP's own rule: its system property, else ~/.javacpp/cache. */
  static Path javacppCache() {
    String configured = System.getProperty("org.bytedeco.javacpp.cachedir");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".javacpp", "cache");
  }
}
