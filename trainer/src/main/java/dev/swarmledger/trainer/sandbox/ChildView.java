package dev.swarmledger.trainer.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one child process may see and spend: the Java runtime, its class path, the JavaCPP cache
 * (read-only), the job's input folder (read-only), its output folder (the only writable place
 * besides a private {@code /tmp}), and its limits.
 *
 * @param cuda whether the child may use the GPU (device nodes and driver libraries are passed in)
 */
public record ChildView(
    Path javaHome,
    List<Path> classPath,
    Path javacppCache,
    Path input,
    Path output,
    Limits limits,
    boolean cuda) {

  public ChildView {
    Objects.requireNonNull(javaHome, "javaHome");
    Objects.requireNonNull(javacppCache, "javacppCache");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(limits, "limits");
    classPath = List.copyOf(classPath);
  }

  /**
   * Kernel resource limits (hard and soft) for the child.
   *
   * @param cpuSeconds CPU time of the child JVM, all threads together
   * @param fileBytes the largest file it may write (also the size of its private {@code /tmp})
   * @param tasks processes and threads it may have; threads count because Linux counts tasks
   */
  public record Limits(long cpuSeconds, long fileBytes, int tasks) {
    public Limits {
      if (cpuSeconds < 1 || fileBytes < 1 || tasks < 1) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }
}
