package dev.swarmledger.trainer.cuda;

import dev.swarmledger.trainer.cuda.LibraryFolder.Origin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds what a CUDA run needs on a host, without loading any of it: NVIDIA devices and driver
 * ({@link NvidiaDevices}), the GPU JNI build of libtorch ({@link JniBuild}), and the libraries that
 * build loads, looked up the way the dynamic linker would find them once {@link
 * CudaHost#libraryPath()} is exported: {@code LD_LIBRARY_PATH}, an installed PyTorch wheel ({@link
 * TorchWheel}), a CUDA toolkit, the driver's folders, the system's folders.
 *
 * <p>{@code java -cp swarm.jar dev.swarmledger.trainer.cuda.CudaHostScanner --ld-library-path}
 * prints the {@code LD_LIBRARY_PATH} runs should use when it adds something (the {@code ./swarm}
 * launcher exports it before Java starts), and nothing otherwise.
 */
public final class CudaHostScanner {
  /** The oldest driver that runs CUDA 13, which the GPU JNI build links against. */
  static final int MIN_DRIVER = 580;

  /** libtorch and its CUDA half; the GPU jar may bundle them, else a wheel supplies them. */
  static final List<String> TORCH_LIBRARIES =
      List.of("libtorch_cuda.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch.so", "libc10.so");

  /** The CUDA runtime, cuBLAS and cuDNN that the GPU JNI build links against. */
  static final List<String> CUDA_LIBRARIES =
      List.of("libcudart.so.13", "libcublas.so.13", "libcudnn.so.9");

  /** The NVIDIA driver's user-space library. */
  static final String DRIVER_LIBRARY = "libcuda.so.1";

  /** Each library group, by what it is, for the message. */
  private static final Map<String, List<String>> LIBRARY_GROUPS = groups();

  static final String WHEEL_HINT =
      "pip install torch --index-url https://download.pytorch.org/whl/cu130";

  private final Sources sources;

  public CudaHostScanner(Sources sources) {
    this.sources = sources;
  }

  /**
   * Where the scanner looks: a file-system root (built-in locations such as {@code /dev}, {@code
   * /proc}, {@code /usr/local/cuda} and {@code /etc/ld.so.conf} are read under it; paths taken from
   * the environment or from Python are used as they are), the environment, the Python command that
   * prints the torch folder, its time limit, and the class loader searched for the JNI build.
   */
  public record Sources(
      Path root,
      Map<String, String> environment,
      List<String> python,
      Duration pythonTimeout,
      ClassLoader classLoader,
      String platform) {
    public Sources {
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(pythonTimeout, "pythonTimeout");
      Objects.requireNonNull(classLoader, "classLoader");
      Objects.requireNonNull(platform, "platform");
      environment = Map.copyOf(environment);
      python = List.copyOf(python);
    }

    /** This process's host: {@code /}, its environment, {@code python3} with 3 seconds. */
    public static Sources thisHost() {
      return new Sources(
          Path.of("/"),
          System.getenv(),
          List.of("python3", "-c", TorchWheel.LOCATE),
          Duration.ofSeconds(3),
          CudaHostScanner.class.getClassLoader(),
          JniBuild.thisPlatform());
    }
  }

  /** This host, scanned once per JVM (a scan runs Python). */
  public static CudaHost thisHost() {
    return ThisHost.SCANNED;
  }

  /**
   * The {@code LD_LIBRARY_PATH} a child that may use CUDA should get, when it differs from this
   * process's: only on a host with an NVIDIA device, so a CPU host never scans.
   */
  public static Optional<String> childLibraryPath() {
    if (!Files.exists(Path.of("/dev/nvidiactl"))) {
      return Optional.empty();
    }
    return thisHost().childLibraryPath();
  }

  /** {@code --ld-library-path}: prints the path runs should use if it adds a folder. */
  public static void main(String[] args) {
    PrintStream out = System.out;
    if (args.length == 1 && args[0].equals("--ld-library-path")) {
      new CudaHostScanner(Sources.thisHost()).scan().childLibraryPath().ifPresent(out::println);
      return;
    }
    if (args.length == 0) {
      out.println(new CudaHostScanner(Sources.thisHost()).scan().message());
      return;
    }
    System.err.println("usage: CudaHostScanner [--ld-library-path]");
    System.exit(2);
  }

  /** Looks at everything, loads nothing. */
  public CudaHost scan() {
    Map<String, String> env = sources.environment();
    NvidiaDevices devices = NvidiaDevices.read(sources.root());
    JniBuild jni = JniBuild.find(sources.classLoader(), sources.platform());
    Optional<TorchWheel> wheel =
        TorchWheel.find(
            sources.python(),
            sources.pythonTimeout(),
            TorchWheel.sitePackages(sources.root(), env));
    List<String> current = CudaHost.entries(env.get("LD_LIBRARY_PATH"));
    List<LibraryFolder> searched =
        new LibrarySearch(sources.root(), env, sources.platform()).folders(current, wheel);

    List<CudaHost.Library> libraries = new ArrayList<>();
    List<String> needed = new ArrayList<>(TORCH_LIBRARIES);
    needed.addAll(CUDA_LIBRARIES);
    needed.add(DRIVER_LIBRARY);
    for (String file : needed) {
      boolean bundled = jni.bundled().contains(file);
      Optional<LibraryFolder> folder =
          bundled ? Optional.empty() : searched.stream().filter(f -> f.holds(file)).findFirst();
      libraries.add(new CudaHost.Library(file, folder, bundled));
    }

    List<String> problems = new ArrayList<>();
    if (!devices.controlNode()) {
      problems.add(
          "no NVIDIA device: "
              + sources.root().resolve("dev/nvidiactl")
              + " is missing (install the NVIDIA driver; in a container, pass the GPU in)");
    }
    devices
        .driverMajor()
        .filter(major -> major < MIN_DRIVER)
        .ifPresent(
            major ->
                problems.add(
                    "NVIDIA driver "
                        + devices.driverVersion().orElseThrow()
                        + " is older than CUDA 13 needs ("
                        + MIN_DRIVER
                        + " or newer)"));
    if (!jni.gpu()) {
      problems.add(
          "this build has only the CPU JNI library of libtorch (no "
              + jni.gpuFolder()
              + JniBuild.JNI
              + " on the class path): build with mvn -Pcuda package");
    } else if (!jni.bundled().contains(JniBuild.JNI_CUDA)) {
      problems.add(
          "the GPU JNI build lacks "
              + jni.gpuFolder()
              + JniBuild.JNI_CUDA
              + " on the class path: build with mvn -Pcuda package");
    }
    missingLibraries(libraries, searched).ifPresent(problems::add);

    List<String> path = jni.gpu() ? libraryPath(current, searched, libraries) : current;
    return new CudaHost(devices, jni, wheel, searched, libraries, current, path, problems);
  }

  /**
   * One sentence for every library not found: which, by group, where each was looked for, other
   * versions seen there, and how to get them.
   */
  private static Optional<String> missingLibraries(
      List<CudaHost.Library> libraries, List<LibraryFolder> searched) {
    List<String> groups = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (Map.Entry<String, List<String>> group : LIBRARY_GROUPS.entrySet()) {
      List<String> missing =
          libraries.stream()
              .filter(l -> group.getValue().contains(l.file()) && !l.found())
              .map(CudaHost.Library::file)
              .toList();
      if (!missing.isEmpty()) {
        groups.add(String.join(", ", missing) + " (" + group.getKey() + ")");
        absent.addAll(missing);
      }
    }
    if (absent.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder("no ").append(String.join(", ", groups));
    text.append(
        searched.isEmpty()
            ? " found: no folder to search (LD_LIBRARY_PATH is empty, no PyTorch wheel, no CUDA"
                + " toolkit)"
            : " found in: "
                + searched.stream()
                    .map(f -> f.path().toString())
                    .collect(Collectors.joining(", ")));
    List<String> others = otherVersions(absent, searched);
    if (!others.isEmpty()) {
      text.append(" (other versions there: ").append(String.join(", ", others)).append(')');
    }
    text.append(
        absent.equals(List.of(DRIVER_LIBRARY))
            ? "; install the NVIDIA driver"
            : "; a PyTorch CUDA 13 wheel has all but the driver's ("
                + WHEEL_HINT
                + "), else install the CUDA 13 toolkit and cuDNN 9");
    text.append("; a library kept elsewhere is found once its folder is on LD_LIBRARY_PATH");
    return Optional.of(text.toString());
  }

  /** For {@code libcudart.so.13}: any {@code libcudart.so.N} of another N, with its folder. */
  private static List<String> otherVersions(List<String> absent, List<LibraryFolder> searched) {
    List<String> others = new ArrayList<>();
    for (String file : absent) {
      int so = file.indexOf(".so.");
      if (so < 0) {
        continue;
      }
      Pattern sibling = Pattern.compile(Pattern.quote(file.substring(0, so + 4)) + "[0-9]+");
      for (LibraryFolder folder : searched) {
        try (Stream<Path> files = Files.list(folder.path())) {
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> sibling.matcher(name).matches() && !name.equals(file))
              .sorted()
              .forEach(name -> others.add(name + " in " + folder.path()));
        } catch (IOException e) {
          // An unreadable folder was searched too; it simply names no other version.
        }
      }
    }
    return others;
  }

  /**
   * The current entries, then what the linker would not search by itself: every folder of the wheel
   * when it supplies a library (its libraries load one another by name), and each other folder that
   * supplies one.
   */
  private static List<String> libraryPath(
      List<String> current, List<LibraryFolder> searched, List<CudaHost.Library> libraries) {
    Set<LibraryFolder> used = new HashSet<>();
    libraries.forEach(l -> l.folder().ifPresent(used::add));
    boolean wheelUsed = used.stream().anyMatch(f -> f.origin() == Origin.WHEEL);
    LinkedHashSet<String> path = new LinkedHashSet<>(current);
    for (LibraryFolder folder : searched) {
      boolean add = folder.origin() == Origin.WHEEL ? wheelUsed : used.contains(folder);
      if (add && folder.origin().exported() && folder.origin() != Origin.LD_LIBRARY_PATH) {
        path.add(folder.path().toString());
      }
    }
    return List.copyOf(path);
  }

  private static Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    groups.put("libtorch's CUDA build", TORCH_LIBRARIES);
    groups.put("CUDA 13 runtime, cuBLAS, cuDNN 9", CUDA_LIBRARIES);
    groups.put("the NVIDIA driver's", List.of(DRIVER_LIBRARY));
    return Collections.unmodifiableMap(groups);
  }

  /** The scan of this JVM's host, made on first use. */
  private static final class ThisHost {
    static final CudaHost SCANNED = new CudaHostScanner(Sources.thisHost()).scan();
  }
}
