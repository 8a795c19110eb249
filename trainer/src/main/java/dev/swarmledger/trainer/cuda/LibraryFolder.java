package dev.swarmledger.trainer.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder searched for CUDA libraries, and why it was searched.
 *
 * @param path the folder as found (not resolved), so a path exported from it reads as the host
 *     names it
 */
public record LibraryFolder(Path path, Origin origin) {
  public LibraryFolder {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
  }

  /** Where a folder came from; also the order in which a library is looked up. */
  public enum Origin {
    /** Already on this process's {@code LD_LIBRARY_PATH}: the user's own choice wins. */
    LD_LIBRARY_PATH("LD_LIBRARY_PATH"),
    /** An installed PyTorch wheel's {@code torch/lib} or {@code nvidia/*}{@code /lib}. */
    WHEEL("PyTorch wheel"),
    /** A CUDA toolkit: {@code CUDA_HOME}, {@code /usr/local/cuda*}. */
    TOOLKIT("CUDA toolkit"),
    /** Where containers and WSL put the NVIDIA driver's user-space libraries. */
    DRIVER("NVIDIA driver"),
    /** Searched by the dynamic linker without help ({@code ld.so.conf}, the default folders). */
    SYSTEM("system");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Whether the linker needs the folder on {@code LD_LIBRARY_PATH} to search it. */
    boolean exported() {
      return this != SYSTEM;
    }
  }

  /** Whether the folder holds {@code file}; a link counts only when its target exists. */
  boolean holds(String file) {
    return Files.exists(path.resolve(file));
  }

  @Override
  public String toString() {
    return path + " (" + origin.label() + ")";
  }
}
