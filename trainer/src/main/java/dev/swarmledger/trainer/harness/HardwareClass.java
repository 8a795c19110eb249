package dev.swarmledger.trainer.harness;

import java.util.Locale;

/**
 * The hardware class a run is recorded under: runs of the same class are expected to agree bit for
 * bit (same libtorch kernels), runs of different classes within a track's tolerance. Derived from
 * the trainer's device string and the CPU architecture, e.g. {@code cpu-amd64}.
 */
public final class HardwareClass {
  private HardwareClass() {}

  public static String of(String device) {
    String d = device.toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    if (d.startsWith("cuda")) {
      String name = d.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
      return name.length() > 60 ? name.substring(0, 60) : name;
    }
    return "cpu-" + arch;
  }
}
