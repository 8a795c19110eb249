package dev.swarmledger.trainer.cuda;

import dev.swarmledger.trainer.cuda.LibraryFolder.Origin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folders a CUDA library is looked up in, in the dynamic linker's order once the scan's path is
 * exported: {@code LD_LIBRARY_PATH}, the PyTorch wheel, CUDA toolkits, the driver folders of
 * containers and WSL, then what the linker searches by itself ({@code ld.so.conf} and its
 * defaults). Built-in locations are read under {@code root}; paths from the environment are used as
 * they are.
 */
final class LibrarySearch {
  private final Path root;
  private final Map<String, String> environment;
  private final String platform;

  LibrarySearch(Path root, Map<String, String> environment, String platform) {
    this.root = root;
    this.environment = environment;
    this.platform = platform;
  }

  /** Every existing folder to search, each real folder once, in lookup order. */
  List<LibraryFolder> folders(List<String> current, Optional<TorchWheel> wheel) {
    List<LibraryFolder> candidates = new ArrayList<>();
    for (String entry : current) {
      Path folder = Path.of(entry);
      if (folder.isAbsolute()) {
        candidates.add(new LibraryFolder(folder, Origin.LD_LIBRARY_PATH));
      }
    }
    wheel.ifPresent(
        w -> w.libraryFolders().forEach(f -> candidates.add(new LibraryFolder(f, Origin.WHEEL))));
    toolkits().forEach(f -> candidates.add(new LibraryFolder(f, Origin.TOOLKIT)));
    for (String driver :
        List.of("usr/local/nvidia/lib64", "usr/local/nvidia/lib", "usr/lib/wsl/lib")) {
      candidates.add(new LibraryFolder(root.resolve(driver), Origin.DRIVER));
    }
    systemFolders().forEach(f -> candidates.add(new LibraryFolder(f, Origin.SYSTEM)));

    // A folder the linker searches anyway (ld.so.conf names a toolkit, say) is searched where the
    // linker would, as a system folder, and never exported; LD_LIBRARY_PATH keeps its own place.
    Set<Path> system = new HashSet<>();
    candidates.stream()
        .filter(c -> c.origin() == Origin.SYSTEM)
        .forEach(c -> realPath(c.path()).ifPresent(system::add));
    Set<Path> seen = new HashSet<>();
    List<LibraryFolder> folders = new ArrayList<>();
    for (LibraryFolder candidate : candidates) {
      Optional<Path> real = realPath(candidate.path());
      if (real.isEmpty()
          || (candidate.origin().exported()
              && candidate.origin() != Origin.LD_LIBRARY_PATH
              && system.contains(real.get()))) {
        continue;
      }
      if (seen.add(real.get())) {
        folders.add(candidate);
      }
    }
    return folders;
  }

  /** The real path of an existing folder. */
  private static Optional<Path> realPath(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try {
      return Optional.of(folder.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code CUDA_HOME}, {@code CUDA_PATH}, {@code /usr/local/cuda}, then the newest versions. */
  private List<Path> toolkits() {
    List<Path> homes = new ArrayList<>();
    for (String variable : List.of("CUDA_HOME", "CUDA_PATH")) {
      String home = environment.get(variable);
      if (home != null && !home.isBlank() && Path.of(home).isAbsolute()) {
        homes.add(Path.of(home));
      }
    }
    Path local = root.resolve("usr/local");
    homes.add(local.resolve("cuda"));
    try (Stream<Path> entries = Files.list(local)) {
      entries
          .filter(p -> p.getFileName().toString().startsWith("cuda-"))
          .sorted(Comparator.comparing(LibrarySearch::versionKey).reversed())
          .forEach(homes::add);
    } catch (IOException e) {
      // No /usr/local: no toolkit there.
    }
    homes.add(root.resolve("opt/cuda"));
    String target = targetFolder();
    List<Path> folders = new ArrayList<>();
    for (Path home : homes) {
      folders.add(home.resolve("lib64"));
      folders.add(home.resolve("lib"));
      folders.add(home.resolve("targets").resolve(target).resolve("lib"));
    }
    return folders;
  }

  /** {@code cuda-12.10} after {@code cuda-12.9}: each number compared as a number. */
  private static String versionKey(Path folder) {
    StringBuilder key = new StringBuilder();
    for (String part : folder.getFileName().toString().substring(5).split("\\.")) {
      key.append(String.format("%10s", part.replaceAll("[^0-9]", "")).replace(' ', '0'));
    }
    return key.toString();
  }

  /** {@code ld.so.conf}'s folders, then the linker's defaults (with the multiarch ones). */
  private List<Path> systemFolders() {
    List<Path> folders = new ArrayList<>(configured(root.resolve("etc/ld.so.conf")));
    try (DirectoryStream<Path> confs =
        Files.newDirectoryStream(root.resolve("etc/ld.so.conf.d"), "*.conf")) {
      List<Path> sorted = new ArrayList<>();
      confs.forEach(sorted::add);
      sorted.sort(null);
      sorted.forEach(conf -> folders.addAll(configured(conf)));
    } catch (IOException e) {
      // No ld.so.conf.d: the defaults only.
    }
    String multiarch = multiarch();
    for (String folder :
        List.of(
            "lib/" + multiarch, "usr/lib/" + multiarch, "lib64", "usr/lib64", "lib", "usr/lib")) {
      folders.add(root.resolve(folder));
    }
    return folders;
  }

  /** The absolute folder lines of an ld.so.conf file ({@code include} lines are left out). */
  private List<Path> configured(Path conf) {
    List<Path> folders = new ArrayList<>();
    try {
      for (String raw : Files.readAllLines(conf, StandardCharsets.UTF_8)) {
        int hash = raw.indexOf('#');
        String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
        if (line.startsWith("/")) {
          folders.add(root.resolve(line.substring(1)));
        }
      }
    } catch (IOException e) {
      // Missing or unreadable: nothing configured there.
    }
    return folders;
  }

  /** The CUDA toolkit's target folder name ({@code x86_64-linux}, {@code sbsa-linux}). */
  private String targetFolder() {
    return platform.endsWith("arm64") ? "sbsa-linux" : "x86_64-linux";
  }

  /** Debian's multiarch folder name ({@code x86_64-linux-gnu}). */
  private String multiarch() {
    return platform.endsWith("arm64") ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
  }
}
