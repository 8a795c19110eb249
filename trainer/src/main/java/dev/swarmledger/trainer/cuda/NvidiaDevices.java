package dev.swarmledger.trainer.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The NVIDIA devices of a host as its kernel driver shows them, read from {@code /dev} and {@code
 * /proc/driver/nvidia} without opening a device.
 *
 * @param controlNode whether {@code /dev/nvidiactl} exists (without it no CUDA program can start)
 * @param gpus one per {@code /proc/driver/nvidia/gpus/BUS/information}, by bus
 * @param driverVersion from {@code /proc/driver/nvidia/version}, e.g. {@code 580.95.05}
 */
public record NvidiaDevices(boolean controlNode, List<Gpu> gpus, Optional<String> driverVersion) {
  /** The line {@code NVRM version: NVIDIA UNIX … Kernel Module … 580.95.05 Release Build …}. */
  private static final Pattern DRIVER_VERSION =
      Pattern.compile("NVRM version:.*?\\s([0-9]{2,}\\.[0-9]+(?:\\.[0-9]+)?)\\s");

  public NvidiaDevices {
    gpus = List.copyOf(gpus);
  }

  /** One GPU: its PCI bus location and model name ({@code NVIDIA H100 80GB HBM3}). */
  public record Gpu(String bus, String model) {}

  /** The driver's major version ({@code 580}), when known. */
  public Optional<Integer> driverMajor() {
    return driverVersion.map(v -> Integer.parseInt(v.substring(0, v.indexOf('.'))));
  }

  /** Reads {@code ROOT/dev/nvidiactl} and {@code ROOT/proc/driver/nvidia}. */
  static NvidiaDevices read(Path root) {
    Path driver = root.resolve("proc/driver/nvidia");
    return new NvidiaDevices(
        Files.exists(root.resolve("dev/nvidiactl")),
        gpus(driver.resolve("gpus")),
        version(driver.resolve("version")));
  }

  private static List<Gpu> gpus(Path folder) {
    List<Gpu> gpus = new ArrayList<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path gpu : entries.sorted().toList()) {
        model(gpu.resolve("information"))
            .ifPresent(model -> gpus.add(new Gpu(gpu.getFileName().toString(), model)));
      }
    } catch (IOException e) {
      // No driver, or a container that does not show /proc/driver/nvidia: no GPU named.
    }
    return gpus;
  }

  private static Optional<String> model(Path information) {
    try {
      for (String line : Files.readAllLines(information, StandardCharsets.UTF_8)) {
        if (line.startsWith("Model:")) {
          return Optional.of(line.substring("Model:".length()).trim());
        }
      }
    } catch (IOException e) {
      // Unreadable: the GPU is left out rather than named wrongly.
    }
    return Optional.empty();
  }

  private static Optional<String> version(Path file) {
    try {
      Matcher m = DRIVER_VERSION.matcher(Files.readString(file, StandardCharsets.UTF_8));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
