package dev.swarmledger.trainer.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GPU's name and compute capability, as the NVIDIA driver's {@code nvidia-smi} reports them.
 * The CPU build of the trainer has no CUDA presets to ask the runtime, and a contained training
 * child may not start programs, so the harness asks the driver in the parent and hands the answer
 * to its children in {@link #ENVIRONMENT}.
 */
public final class GpuProbe {
  /** The variable a parent hands its measurement to children in: {@code NAME;MAJOR.MINOR}. */
  public static final String ENVIRONMENT = "SWARM_GPU_PROBE";

  private static final Pattern LINE =
      Pattern.compile("^\\s*(.+?)\\s*,\\s*([0-9]+)\\.([0-9]+)\\s*$");
  private static final Pattern HANDED = Pattern.compile("^(.+);([0-9]+)\\.([0-9]+)$");

  /**
   * One GPU.
   *
   * @param name the product name, e.g. {@code NVIDIA H200}
   * @param major the compute capability's major version ({@code 9} for 9.0)
   * @param minor its minor version
   */
  public record Gpu(String name, int major, int minor) {
    /** The compute capability, e.g. {@code sm90}: in the class only when the card has no name. */
    public String capability() {
      return "sm" + major + minor;
    }

    /** The form handed to children in {@link #ENVIRONMENT}. */
    public String handed() {
      return name + ";" + major + "." + minor;
    }
  }

  private static volatile Optional<Gpu> measured;

  private GpuProbe() {}

  /** What a parent handed this process, if anything. */
  static Optional<Gpu> inherited() {
    String handed = System.getenv(ENVIRONMENT);
    if (handed == null) {
      return Optional.empty();
    }
    Matcher m = HANDED.matcher(handed.trim());
    return m.matches()
        ? Optional.of(
            new Gpu(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))))
        : Optional.empty();
  }

  /**
   * The first GPU of this host: handed down by the parent, else measured once with {@code
   * nvidia-smi} (empty without an NVIDIA device or driver tool).
   */
  public static Optional<Gpu> current() {
    Optional<Gpu> handed = inherited();
    if (handed.isPresent()) {
      return handed;
    }
    Optional<Gpu> known = measured;
    if (known == null) {
      known = Files.exists(Path.of("/dev/nvidiactl")) ? ask() : Optional.empty();
      measured = known;
    }
    return known;
  }

  /** Parses {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader}'s first line. */
  static Optional<Gpu> parse(String output) {
    for (String line : output.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        return Optional.of(
            new Gpu(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
      }
    }
    return Optional.empty();
  }

  private static Optional<Gpu> ask() {
    try {
      Process process =
          new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
              .redirectErrorStream(true)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.exitValue() == 0 ? parse(output) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
