package dev.swarmledger.trainer.sandbox;

import dev.swarmledger.trainer.cuda.CudaHostScanner;
import dev.swarmledger.trainer.harness.Determinism;
import dev.swarmledger.trainer.harness.GpuProbe;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@link ChildMain} in a fresh JVM on this JVM's class path, inside a {@link Containment},
 * with a scrubbed environment, a heap limit, JavaCPP's native-memory guard, and a watchdog that
 * kills it when it passes the wall-time limit or the resident memory of its process tree passes the
 * memory limit (libtorch allocates outside the Java heap).
 */
public final class ChildProcess {
  private static final long POLL_MILLIS = 50;
  private static final List<String> PASSED_ENVIRONMENT =
      List.of(
          "PATH",
          "LANG",
          "LD_LIBRARY_PATH",
          "CUDA_VISIBLE_DEVICES",
          Determinism.ATTENTION_ENVIRONMENT,
          "TMPDIR");

  /**
   * Threads and processes a contained child may have. A JVM with libtorch runs about 40 threads;
   * the limit is per user across the host, and a verifier may run a few children at once.
   */
  static final int TASK_LIMIT = 4096;

  /** CPU seconds for a child with no wall-time limit (a step budget): a day on every core. */
  private static final long DEFAULT_CPU_SECONDS = 24L * 3600;

  private static final Object CACHE_LOCK = new Object();
  private static final java.util.Set<Path> PREPARED_CACHES = new java.util.HashSet<>();

  private final String classPath;
  private final long heapBytes;
  private final long memoryLimitBytes;
  private final Containment containment;
  private final boolean cuda;

  /**
   * @param cuda whether the child may use the GPU (the contained child then sees its device nodes
   *     and driver libraries)
   */
  public ChildProcess(
      String classPath,
      long heapBytes,
      long memoryLimitBytes,
      Containment containment,
      boolean cuda) {
    // Absolute: a contained child starts in another working directory, where a relative entry
    // (java -jar cli/target/swarm.jar) would name nothing.
    this.classPath = absolute(classPath);
    this.heapBytes = heapBytes;
    this.memoryLimitBytes = memoryLimitBytes;
    this.containment = containment;
    this.cuda = cuda;
  }

  public Containment containment() {
    return containment;
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
   * Runs {@code ChildMain mode input output}: the child reads {@code input} and writes only into
   * {@code output}; each stdout line goes to {@code lines}; its stderr is kept in {@code log}.
   *
   * @param timeLimit empty for none
   */
  public Outcome run(
      String mode,
      Path input,
      Path output,
      Path log,
      Optional<Duration> timeLimit,
      Consumer<String> lines)
      throws IOException, InterruptedException {
    return run(
        ChildMain.class.getName(),
        List.of(mode, input.toString(), output.toString()),
        input,
        output,
        log,
        timeLimit,
        lines);
  }

  /**
   * Runs {@code mainClass args} as a child. Package-private so the sandbox tests can run a probe
   * that never went through the source check.
   */
  Outcome run(
      String mainClass,
      List<String> args,
      Path input,
      Path output,
      Path log,
      Optional<Duration> timeLimit,
      Consumer<String> lines)
      throws IOException, InterruptedException {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path cache = javacppCache();
    if (containment.isolates()) {
      prepareCache(cache, timeLimit);
      // The child runs as another user when the host runs as root; the parent folder of both
      // stays private to this user, so opening these two to the child opens them to no one else.
      open(input, false);
      open(output, true);
    }
    List<String> java = new ArrayList<>();
    java.add(javaHome.resolve("bin").resolve("java").toString());
    java.add("-Xmx" + (heapBytes >> 20) + "m");
    java.add("-XX:+UseSerialGC");
    java.add("-XX:-UsePerfData");
    java.add("-Djava.awt.headless=true");
    if (containment.isolates()) {
      java.add("-Djava.io.tmpdir=/tmp");
    }
    java.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
    java.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=" + memoryLimitBytes);
    java.add("-Dorg.bytedeco.javacpp.maxBytes=" + memoryLimitBytes);
    java.add("-cp");
    java.add(classPath);
    java.add(mainClass);
    java.addAll(args);
    ChildView view =
        new ChildView(
            javaHome,
            classPathEntries(),
            cache,
            input,
            output,
            new ChildView.Limits(cpuSeconds(timeLimit), memoryLimitBytes, TASK_LIMIT),
            cuda);
    ProcessBuilder builder = new ProcessBuilder(containment.wrap(view, java));
    Map<String, String> environment = builder.environment();
    Map<String, String> inherited = Map.copyOf(environment);
    environment.clear();
    for (String name : PASSED_ENVIRONMENT) {
      if (inherited.containsKey(name)) {
        environment.put(name, inherited.get(name));
      }
    }
    if (containment.isolates()) {
      environment.put("TMPDIR", "/tmp");
    }
    // Idle OpenMP workers sleep instead of spinning: on a shared or oversubscribed host, spinning
    // workers starve the one doing the work (measured: a 2-thread step went from ~40 s to ~2 s
    // under load). Scheduling only; results are unchanged.
    environment.put("OMP_WAIT_POLICY", inherited.getOrDefault("OMP_WAIT_POLICY", "PASSIVE"));
    // BLAS runs single-threaded inside libtorch's own parallelism (see Backend); set before it
    // loads.
    environment.put("OPENBLAS_NUM_THREADS", "1");
    // Determinism is the harness's, whatever the host's environment says: cuBLAS reads its
    // workspace configuration once, when it starts, so it must be in the child's environment.
    environment.put(Determinism.CUBLAS_ENVIRONMENT, Determinism.CUBLAS_WORKSPACE_CONFIG);
    if (cuda) {
      GpuProbe.current().ifPresent(gpu -> environment.put(GpuProbe.ENVIRONMENT, gpu.handed()));
      // The CUDA libraries found on this host, for a JVM not started by ./swarm (which exports
      // them); Bubblewrap binds the same folders.
      CudaHostScanner.childLibraryPath().ifPresent(p -> environment.put("LD_LIBRARY_PATH", p));
    }
    Path stderr = log;
    builder.redirectError(stderr.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    Process process = builder.start();
    Thread reader = new Thread(() -> pump(process, lines), "child-stdout");
    reader.setDaemon(true);
    reader.start();
    long deadline =
        timeLimit.map(limit -> System.nanoTime() + limit.toNanos()).orElse(Long.MAX_VALUE);
    Ending ending = Ending.EXITED;
    long peak = 0;
    while (process.isAlive()) {
      long resident = treeResidentBytes(process);
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
      process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
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

  /** The child JVM is a descendant of bwrap (and setpriv), so the whole tree is counted. */
  private static long treeResidentBytes(Process process) {
    long total = residentBytes(process.pid());
    for (ProcessHandle descendant : process.descendants().toList()) {
      total += residentBytes(descendant.pid());
    }
    return total;
  }

  /**
   * JavaCPP's cache, where it unpacks libtorch: {@code org.bytedeco.javacpp.cachedir} if set, else
   * {@code ~/.javacpp/cache} (JavaCPP's own default). Children get it by name, because a contained
   * child runs as a user without a home.
   */
  static Path javacppCache() {
    String configured = System.getProperty("org.bytedeco.javacpp.cachedir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".javacpp", "cache");
  }

  /**
   * A contained child sees the JavaCPP cache read-only, so libtorch must already be unpacked there:
   * once per JVM and cache, a trusted, uncontained child that runs no experiment code loads the
   * native libraries ({@code ChildMain prepare}), which fills the cache if needed.
   */
  private void prepareCache(Path cache, Optional<Duration> timeLimit)
      throws IOException, InterruptedException {
    synchronized (CACHE_LOCK) {
      if (PREPARED_CACHES.contains(cache)) {
        return;
      }
      Path folder = Files.createTempDirectory("swarm-cache-");
      try {
        Outcome outcome =
            new ChildProcess(classPath, heapBytes, memoryLimitBytes, Containment.NONE, cuda)
                .run(
                    ChildMain.class.getName(),
                    List.of("prepare", folder.toString(), folder.toString()),
                    folder,
                    folder,
                    folder.resolve("prepare-stderr.log"),
                    timeLimit,
                    line -> {});
        if (outcome.exitCode() != 0) {
          throw new IOException(
              "cannot unpack libtorch into the JavaCPP cache "
                  + cache
                  + ": "
                  + outcome.stderrTail());
        }
        PREPARED_CACHES.add(cache);
      } finally {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
          files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(folder);
      }
    }
  }

  private static void open(Path folder, boolean writable) throws IOException {
    try {
      Files.setPosixFilePermissions(
          folder,
          java.nio.file.attribute.PosixFilePermissions.fromString(
              writable ? "rwxrwxrwx" : "rwxr-xr-x"));
      if (!writable) {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
          for (Path file : files.toList()) {
            Files.setPosixFilePermissions(
                file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
          }
        }
      }
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: bubblewrap does not run there either.
    }
  }

  static String absolute(String classPath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private List<Path> classPathEntries() {
    List<Path> entries = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry).toAbsolutePath());
      }
    }
    return entries;
  }

  /**
   * CPU time for a child: twice its wall-time limit on every core (twice, so a limit never fires
   * before the watchdog's clearer wall-time verdict); a day per core without a limit.
   */
  private static long cpuSeconds(Optional<Duration> timeLimit) {
    int cores = Runtime.getRuntime().availableProcessors();
    long wall = timeLimit.map(d -> Math.max(1, d.toSeconds())).orElse(DEFAULT_CPU_SECONDS);
    return Math.max(60, 2 * wall * cores + 60);
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
