package dev.swarmledger.trainer.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs {@link ChildMain} in a fresh JVM on this JVM's class path, with a scrubbed environment, a
 * heap limit, JavaCPP's native-memory guard, and a watchdog that kills it when it passes the
 * wall-time limit or its resident memory passes the memory limit (libtorch allocates outside the
 * Java heap).
 */
public final class ChildProcess {
  private static final long POLL_MILLIS = 50;
  private static final List<String> PASSED_ENVIRONMENT =
      List.of("PATH", "HOME", "LANG", "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "TMPDIR");

  private final String classPath;
  private final long heapBytes;
  private final long memoryLimitBytes;

  public ChildProcess(String classPath, long heapBytes, long memoryLimitBytes) {
    this.classPath = classPath;
    this.heapBytes = heapBytes;
    this.memoryLimitBytes = memoryLimitBytes;
  }

  /** How a child ended. */
  public enum Ending {
    EXITED,
    TIME_LIMIT,
    MEMORY_LIMIT
  }

  /** The child's ending, exit code, and the tail of its standard error. */
  public record Outcome(Ending ending, int exitCode, String stderrTail, long peakResidentBytes) {}

  /**
   * Runs {@code ChildMain mode folder}; each stdout line goes to {@code lines}.
   *
   * @param timeLimit empty for none
   */
  public Outcome run(String mode, Path folder, Optional<Duration> timeLimit, Consumer<String> lines)
      throws IOException, InterruptedException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.add("-Xmx" + (heapBytes >> 20) + "m");
    command.add("-XX:+UseSerialGC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=" + memoryLimitBytes);
    command.add("-Dorg.bytedeco.javacpp.maxBytes=" + memoryLimitBytes);
    command.add("-cp");
    command.add(classPath);
    command.add(ChildMain.class.getName());
    command.add(mode);
    command.add(folder.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    Map<String, String> inherited = Map.copyOf(environment);
    environment.clear();
    for (String name : PASSED_ENVIRONMENT) {
      if (inherited.containsKey(name)) {
        environment.put(name, inherited.get(name));
      }
    }
    // Idle OpenMP workers sleep instead of spinning: on a shared or oversubscribed host, spinning
    // workers starve the one doing the work (measured: a 2-thread step went from ~40 s to ~2 s
    // under
    // load). Scheduling only; results are unchanged.
    environment.put("OMP_WAIT_POLICY", inherited.getOrDefault("OMP_WAIT_POLICY", "PASSIVE"));
    // BLAS runs single-threaded inside libtorch's own parallelism (see Backend); set before it
    // loads.
    environment.put("OPENBLAS_NUM_THREADS", "1");
    Path stderr = folder.resolve(mode + "-stderr.log");
    builder.redirectError(stderr.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    Process process = builder.start();
    Thread reader = new Thread(() -> pump(process, lines), "child-stdout-" + mode);
    reader.setDaemon(true);
    reader.start();
    long deadline =
        timeLimit.map(limit -> System.nanoTime() + limit.toNanos()).orElse(Long.MAX_VALUE);
    Ending ending = Ending.EXITED;
    long peak = 0;
    while (process.isAlive()) {
      long resident = residentBytes(process.pid());
      peak = Math.max(peak, resident);
      if (resident > memoryLimitBytes) {
        ending = Ending.MEMORY_LIMIT;
        kill(process);
        break;
      }
      if (System.nanoTime() > deadline) {
        ending = Ending.TIME_LIMIT;
        kill(process);
        break;
      }
      process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    int exit = process.waitFor();
    reader.join(2_000);
    return new Outcome(ending, exit, tail(stderr), peak);
  }

  private static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor();
  }

  private static void pump(Process process, Consumer<String> lines) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.accept(line);
      }
    } catch (IOException e) {
      // The child is gone; its exit status tells the rest.
    }
  }

  /** Resident set size from /proc (0 where /proc is unavailable). */
  static long residentBytes(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    } catch (IOException e) {
      return "";
    }
  }
}
