package dev.swarmledger.trainer.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's {@code /proc} files, in the forms its open and proprietary modules write. */
class NvidiaDevicesTest {
  @TempDir Path root;

  @Test
  void readsEveryGpuInBusOrderAndTheDriverVersion() throws IOException {
    Path gpus = Files.createDirectories(root.resolve("proc/driver/nvidia/gpus"));
    Files.createDirectories(gpus.resolve("0000:9a:00.0"));
    Files.writeString(gpus.resolve("0000:9a:00.0/information"), "Model: \t\t NVIDIA H200\n");
    Files.createDirectories(gpus.resolve("0000:1b:00.0"));
    Files.writeString(
        gpus.resolve("0000:1b:00.0/information"), "IRQ: 1\nModel: \t\t NVIDIA H100 80GB HBM3\n");
    Files.createDirectories(gpus.resolve("0000:2c:00.0"));
    Files.writeString(
        root.resolve("proc/driver/nvidia/version"),
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n");

    NvidiaDevices devices = NvidiaDevices.read(root);

    assertThat(devices.controlNode()).isFalse();
    // 2c has no information file: left out rather than named wrongly.
    assertThat(devices.gpus())
        .containsExactly(
            new NvidiaDevices.Gpu("0000:1b:00.0", "NVIDIA H100 80GB HBM3"),
            new NvidiaDevices.Gpu("0000:9a:00.0", "NVIDIA H200"));
    assertThat(devices.driverVersion()).contains("535.104.05");
    assertThat(devices.driverMajor()).contains(535);
  }

  @Test
  void theOpenKernelModulesVersionLine() throws IOException {
    Files.createDirectories(root.resolve("proc/driver/nvidia"));
    Files.createDirectories(root.resolve("dev"));
    Files.createFile(root.resolve("dev/nvidiactl"));
    Files.writeString(
        root.resolve("proc/driver/nvidia/version"),
        "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build "
            + " (dvs-builder@U16-I2-C03-12-4)  Thu Sep 25 2025\n");

    NvidiaDevices devices = NvidiaDevices.read(root);

    assertThat(devices.controlNode()).isTrue();
    assertThat(devices.driverVersion()).contains("580.95.05");
    assertThat(devices.gpus()).isEmpty();
  }

  @Test
  void noDriverNoDevices() {
    NvidiaDevices devices = NvidiaDevices.read(root);
    assertThat(devices.controlNode()).isFalse();
    assertThat(devices.gpus()).isEmpty();
    assertThat(devices.driverVersion()).isEmpty();
    assertThat(devices.driverMajor()).isEmpty();
  }
}
