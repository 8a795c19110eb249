package dev.swarmledger.trainer.cuda;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What this host offers a CUDA run, found by {@link CudaHostScanner} without loading anything: its
 * NVIDIA devices and driver, the libtorch JNI build on the class path, the folders holding the
 * libraries a CUDA run loads, and exactly what is missing. {@code swarm doctor} prints it, a run
 * that requires CUDA fails with its {@link #message()}, and the launcher exports its {@link
 * #libraryPath()}.
 *
 * @param searched every existing folder looked in, in lookup order
 * @param libraries each library a CUDA run needs, and where it was found
 * @param libraryPath the {@code LD_LIBRARY_PATH} runs use: the current entries, then the found
 *     folders the linker would not search by itself (unchanged when this build has no GPU JNI
 *     library, so a CPU build never loads a wheel's libtorch by accident)
 * @param problems what is missing, one sentence each; empty when CUDA can be used
 */
public record CudaHost(
    NvidiaDevices devices,
    JniBuild jni,
    Optional<TorchWheel> wheel,
    List<LibraryFolder> searched,
    List<Library> libraries,
    List<String> currentLibraryPath,
    List<String> libraryPath,
    List<String> problems) {

  /** What a CUDA host needs, in one sentence, for messages that cannot scan. */
  public static final String REQUIREMENTS =
      "an NVIDIA GPU with driver "
          + CudaHostScanner.MIN_DRIVER
          + " or newer, the GPU JNI build of libtorch (mvn -Pcuda package), and libtorch's CUDA"
          + " libraries with CUDA 13 and cuDNN 9 (a PyTorch CUDA 13 wheel's, or a CUDA toolkit's);"
          + " `swarm doctor` shows what this host lacks";

  public CudaHost {
    Objects.requireNonNull(devices, "devices");
    Objects.requireNonNull(jni, "jni");
    Objects.requireNonNull(wheel, "wheel");
    searched = List.copyOf(searched);
    libraries = List.copyOf(libraries);
    currentLibraryPath = List.copyOf(currentLibraryPath);
    libraryPath = List.copyOf(libraryPath);
    problems = List.copyOf(problems);
  }

  /**
   * One library a CUDA run loads.
   *
   * @param folder the first searched folder holding it
   * @param onClassPath whether the class path bundles it (JavaCPP unpacks it; no folder needed)
   */
  public record Library(String file, Optional<LibraryFolder> folder, boolean onClassPath) {
    public boolean found() {
      return onClassPath || folder.isPresent();
    }

    /** Where it comes from, for people: a folder with its origin, {@code class path}, or none. */
    public String where() {
      return onClassPath ? "class path" : folder.map(LibraryFolder::toString).orElse("missing");
    }
  }

  /** Whether a CUDA run can start here: nothing is missing. */
  public boolean usable() {
    return problems.isEmpty();
  }

  /** {@link #libraryPath()} as the variable's value. */
  public String ldLibraryPath() {
    return String.join(":", libraryPath);
  }

  /** The folders {@link #libraryPath()} adds to this process's {@code LD_LIBRARY_PATH}. */
  public List<String> addedFolders() {
    return libraryPath.stream().filter(p -> !currentLibraryPath.contains(p)).toList();
  }

  /** {@link #ldLibraryPath()} when it adds a folder to this process's: what children get. */
  public Optional<String> childLibraryPath() {
    return addedFolders().isEmpty() ? Optional.empty() : Optional.of(ldLibraryPath());
  }

  /**
   * Why libtorch could not use CUDA: what is missing, or, when the scan found nothing missing, that
   * libtorch itself refused (a driver that cannot run this CUDA, a GPU taken by another process).
   */
  public String cudaRefusal() {
    return usable()
        ? "libtorch found no usable CUDA device though nothing is missing here (" + message() + ")"
        : message();
  }

  /** The folders that supplied a library, each once, in lookup order. */
  public List<LibraryFolder> usedFolders() {
    return libraries.stream()
        .flatMap(l -> l.folder().stream())
        .distinct()
        .sorted(Comparator.comparingInt(searched::indexOf))
        .toList();
  }

  /** One message for people: what CUDA would run on, or every problem. */
  public String message() {
    if (!usable()) {
      return "CUDA cannot be used on this host: " + String.join("; ", problems);
    }
    String gpus =
        devices.gpus().isEmpty()
            ? "an NVIDIA GPU"
            : devices.gpus().stream()
                .map(NvidiaDevices.Gpu::model)
                .collect(Collectors.joining(", "));
    return "CUDA can be used: "
        + gpus
        + devices.driverVersion().map(v -> ", driver " + v).orElse("")
        + "; libraries from "
        + (usedFolders().isEmpty()
            ? "the class path"
            : usedFolders().stream()
                .map(LibraryFolder::toString)
                .collect(Collectors.joining(", ")));
  }

  /** The folders of {@code value}, an {@code LD_LIBRARY_PATH}: non-empty entries, in order. */
  static List<String> entries(String value) {
    return value == null
        ? List.of()
        : Arrays.stream(value.split(":")).filter(e -> !e.isBlank()).toList();
  }
}
