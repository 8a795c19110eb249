package dev.swarmledger.trainer.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An installed PyTorch wheel: its {@code torch} package folder, whose {@code lib} holds libtorch,
 * and beside it the {@code nvidia/*}{@code /lib} folders of the CUDA wheels it depends on (CUDA
 * runtime, cuBLAS, cuDNN…). Found by asking Python where {@code torch} is (without importing it),
 * else by looking in the usual site-packages folders.
 *
 * @param torch the {@code torch} package folder
 * @param foundBy how it was found: the Python command, or {@code site-packages scan}
 */
public record TorchWheel(Path torch, String foundBy) {
  /**
   * Prints the torch package's folder without importing torch (an import loads libtorch and CUDA
   * and takes seconds); prints nothing when there is none.
   */
  static final String LOCATE =
      "import importlib.util as u, os; s = u.find_spec('torch');"
          + " print(os.path.dirname(s.origin) if s and s.origin else '')";

  /** The folders to put on {@code LD_LIBRARY_PATH}: {@code torch/lib}, then each NVIDIA one. */
  public List<Path> libraryFolders() {
    List<Path> folders = new ArrayList<>();
    if (Files.isDirectory(torch.resolve("lib"))) {
      folders.add(torch.resolve("lib"));
    }
    Path parent = torch.getParent();
    if (parent != null) {
      try (Stream<Path> packages = Files.list(parent.resolve("nvidia"))) {
        packages
            .map(p -> p.resolve("lib"))
            .filter(Files::isDirectory)
            .sorted()
            .forEach(folders::add);
      } catch (IOException e) {
        // A wheel without NVIDIA packages (a CPU wheel, or CUDA from the system).
      }
    }
    return folders;
  }

  /**
   * The wheel that {@code python} reports (run with a time limit), else the first {@code torch}
   * folder under {@code sitePackages}.
   */
  static Optional<TorchWheel> find(List<String> python, Duration timeout, List<Path> sitePackages) {
    Optional<TorchWheel> reported = ask(python, timeout);
    if (reported.isPresent()) {
      return reported;
    }
    for (Path folder : sitePackages) {
      Path torch = folder.resolve("torch");
      if (Files.isDirectory(torch.resolve("lib"))) {
        return Optional.of(new TorchWheel(torch, "site-packages scan"));
      }
    }
    return Optional.empty();
  }

  private static Optional<TorchWheel> ask(List<String> python, Duration timeout) {
    if (python.isEmpty()) {
      return Optional.empty();
    }
    Process process;
    try {
      process =
          new ProcessBuilder(python)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException | RuntimeException e) {
      // No such program, or a sandbox that forbids starting one.
      return Optional.empty();
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // Its output is not read: a leftover grandchild could hold the pipe open.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return Optional.empty();
      }
      String answer =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (process.exitValue() != 0 || answer.isEmpty() || answer.contains("\n")) {
        return Optional.empty();
      }
      Path torch = Path.of(answer);
      return torch.isAbsolute() && Files.isDirectory(torch)
          ? Optional.of(new TorchWheel(torch, String.join(" ", python.subList(0, 1))))
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The site-packages folders to scan when Python does not answer, most specific first: {@code
   * VIRTUAL_ENV}, {@code CONDA_PREFIX}, a {@code bin/python3} on {@code PATH}, {@code ~/.local},
   * then {@code /usr/local}, {@code /usr} and {@code /opt/conda} under {@code root}.
   */
  static List<Path> sitePackages(Path root, Map<String, String> env) {
    List<Path> prefixes = new ArrayList<>();
    for (String variable : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
      String prefix = env.get(variable);
      if (prefix != null && !prefix.isBlank() && Path.of(prefix).isAbsolute()) {
        prefixes.add(Path.of(prefix));
      }
    }
    // A virtual environment on PATH that was not activated (its bin/python3 is on PATH).
    for (String entry : CudaHost.entries(env.get("PATH"))) {
      Path bin = Path.of(entry);
      if (bin.isAbsolute()
          && bin.getParent() != null
          && bin.getFileName().toString().equals("bin")
          && Files.exists(bin.resolve("python3"))) {
        prefixes.add(bin.getParent());
      }
    }
    String home = env.get("HOME");
    if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
      prefixes.add(Path.of(home, ".local"));
    }
    prefixes.addAll(
        List.of(root.resolve("usr/local"), root.resolve("usr"), root.resolve("opt/conda")));
    List<Path> folders = new ArrayList<>();
    for (Path prefix : prefixes) {
      try (Stream<Path> pythons = Files.list(prefix.resolve("lib"))) {
        for (Path python :
            pythons
                .filter(p -> p.getFileName().toString().startsWith("python3"))
                .sorted(Comparator.reverseOrder())
                .toList()) {
          folders.add(python.resolve("site-packages"));
          folders.add(python.resolve("dist-packages"));
        }
      } catch (IOException e) {
        // No such prefix.
      }
    }
    return folders;
  }
}
