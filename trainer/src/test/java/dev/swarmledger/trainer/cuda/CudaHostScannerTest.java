package dev.swarmledger.trainer.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.cuda.LibraryFolder.Origin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA host scan over fake hosts built in a temporary folder: fake device nodes and {@code
 * /proc} files, empty {@code .so} files, a fake Python, and a class path holding (or not) the GPU
 * JNI build. Nothing is loaded, so it runs on any CPU machine.
 */
class CudaHostScannerTest {
  static final String GPU = "org/bytedeco/pytorch/linux-x86_64-gpu/";
  static final String H100 =
      "Model: \t\t NVIDIA H100 80GB HBM3\nIRQ:   \t\t 0\nGPU UUID: \t GPU-1\n"
          + "Bus Location: \t 0000:00:07.0\nDevice Minor: \t 0\n";
  static final String DRIVER_580 =
      "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build "
          + " (dvs-builder@U16-I2-C03-12-4)  Thu Sep 25 2025\nGCC version:  gcc version 12.2.0\n";

  @TempDir Path root;
  @TempDir Path elsewhere;
  Map<String, String> env;
  List<String> python;

  @BeforeEach
  void nothingYet() {
    env = new HashMap<>();
    python = List.of();
  }

  CudaHost scan(ClassLoader classPath) {
    return scan(classPath, Duration.ofSeconds(10));
  }

  CudaHost scan(ClassLoader classPath, Duration pythonTimeout) {
    return new CudaHostScanner(
            new CudaHostScanner.Sources(
                root, env, python, pythonTimeout, classPath, "linux-x86_64"))
        .scan();
  }

  static Path touch(Path base, String relative) throws IOException {
    Path file = base.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.exists(file) ? file : Files.createFile(file);
  }

  static Path write(Path base, String relative, String text) throws IOException {
    return Files.writeString(touch(base, relative), text);
  }

  /** A class path with the given resources (empty files) and no parent to fall back on. */
  ClassLoader classPath(String... resources) throws IOException {
    Path folder = Files.createTempDirectory(elsewhere, "classes");
    for (String resource : resources) {
      touch(folder, resource);
    }
    return new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
  }

  ClassLoader gpuBuild() throws IOException {
    return classPath(GPU + "libjnitorch.so", GPU + "libjnitorch_cuda.so");
  }

  void nvidiaDevice(String driverVersionFile) throws IOException {
    touch(root, "dev/nvidiactl");
    touch(root, "dev/nvidia0");
    write(root, "proc/driver/nvidia/gpus/0000:00:07.0/information", H100);
    write(root, "proc/driver/nvidia/version", driverVersionFile);
    touch(root, "usr/lib/x86_64-linux-gnu/libcuda.so.1");
  }

  /** A PyTorch CUDA 13 wheel in {@code site-packages}; returns its {@code torch} folder. */
  static Path wheel(Path sitePackages) throws IOException {
    for (String library : CudaHostScanner.TORCH_LIBRARIES) {
      touch(sitePackages, "torch/lib/" + library);
    }
    touch(sitePackages, "torch/__init__.py");
    touch(sitePackages, "nvidia/cuda_runtime/lib/libcudart.so.13");
    touch(sitePackages, "nvidia/cublas/lib/libcublas.so.13");
    touch(sitePackages, "nvidia/cublas/lib/libcublasLt.so.13");
    touch(sitePackages, "nvidia/cudnn/lib/libcudnn.so.9");
    touch(sitePackages, "nvidia/nccl/lib/libnccl.so.2");
    Files.createDirectories(sitePackages.resolve("nvidia/cudnn/include"));
    return sitePackages.resolve("torch");
  }

  static List<String> strings(Path... paths) {
    return java.util.Arrays.stream(paths).map(Path::toString).toList();
  }

  @Test
  void aBareCpuHostIsToldEveryMissingItem() throws IOException {
    CudaHost host = scan(classPath());

    assertThat(host.usable()).isFalse();
    assertThat(host.devices().controlNode()).isFalse();
    assertThat(host.devices().gpus()).isEmpty();
    assertThat(host.jni().gpu()).isFalse();
    assertThat(host.wheel()).isEmpty();
    assertThat(host.searched()).isEmpty();
    assertThat(host.libraries()).noneMatch(CudaHost.Library::found);
    assertThat(host.problems())
        .containsExactly(
            "no NVIDIA device: "
                + root.resolve("dev/nvidiactl")
                + " is missing (install the NVIDIA driver; in a container, pass the GPU in)",
            "this build has only the CPU JNI library of libtorch (no "
                + GPU
                + "libjnitorch.so on the class path): build with mvn -Pcuda package",
            "no libtorch_cuda.so, libc10_cuda.so, libtorch_cpu.so, libtorch.so, libc10.so"
                + " (libtorch's CUDA build), libcudart.so.13, libcublas.so.13, libcudnn.so.9"
                + " (CUDA 13 runtime, cuBLAS, cuDNN 9), libcuda.so.1 (the NVIDIA driver's) found:"
                + " no folder to search (LD_LIBRARY_PATH is empty, no PyTorch wheel, no CUDA"
                + " toolkit); a PyTorch CUDA 13 wheel has all but the driver's ("
                + CudaHostScanner.WHEEL_HINT
                + "), else install the CUDA 13 toolkit and cuDNN 9; a library kept elsewhere is"
                + " found once its folder is on LD_LIBRARY_PATH");
    assertThat(host.message())
        .startsWith("CUDA cannot be used on this host: no NVIDIA device: ")
        .contains(String.join("; ", host.problems()));
    assertThat(host.libraryPath()).isEmpty();
    assertThat(host.childLibraryPath()).isEmpty();
    assertThat(host.cudaRefusal()).isEqualTo(host.message());
  }

  @Test
  void aGpuHostWithAWheelThatPythonReportsIsUsableAndExportsTheWheelsFolders() throws IOException {
    nvidiaDevice(DRIVER_580);
    Path sitePackages = elsewhere.resolve("venv/lib/python3.12/site-packages");
    Path torch = wheel(sitePackages);
    Path mine = Files.createDirectories(elsewhere.resolve("mine"));
    env.put("LD_LIBRARY_PATH", mine + "::relative/lib");
    python = List.of("sh", "-c", "echo " + torch);

    CudaHost host = scan(gpuBuild());

    assertThat(host.problems()).isEmpty();
    assertThat(host.usable()).isTrue();
    assertThat(host.devices().gpus())
        .containsExactly(new NvidiaDevices.Gpu("0000:00:07.0", "NVIDIA H100 80GB HBM3"));
    assertThat(host.devices().driverVersion()).contains("580.95.05");
    assertThat(host.wheel()).contains(new TorchWheel(torch, "sh"));
    Path nvidia = sitePackages.resolve("nvidia");
    // The user's entries first, as they were; then every folder of the wheel, its lib first.
    assertThat(host.libraryPath())
        .containsExactly(
            mine.toString(),
            "relative/lib",
            torch.resolve("lib").toString(),
            nvidia.resolve("cublas/lib").toString(),
            nvidia.resolve("cuda_runtime/lib").toString(),
            nvidia.resolve("cudnn/lib").toString(),
            nvidia.resolve("nccl/lib").toString());
    assertThat(host.addedFolders()).hasSize(5).doesNotContain(mine.toString());
    assertThat(host.childLibraryPath()).contains(host.ldLibraryPath());
    // The driver's library is where the linker looks anyway: found, never exported.
    CudaHost.Library driver = library(host, "libcuda.so.1");
    assertThat(driver.folder().orElseThrow().origin()).isEqualTo(Origin.SYSTEM);
    assertThat(host.libraryPath())
        .doesNotContain(root.resolve("usr/lib/x86_64-linux-gnu").toString());
    assertThat(library(host, "libcudnn.so.9").folder().orElseThrow())
        .isEqualTo(new LibraryFolder(nvidia.resolve("cudnn/lib"), Origin.WHEEL));
    assertThat(host.message())
        .startsWith("CUDA can be used: NVIDIA H100 80GB HBM3, driver 580.95.05; libraries from ")
        .contains(torch.resolve("lib") + " (PyTorch wheel)");
    assertThat(host.cudaRefusal())
        .isEqualTo(
            "libtorch found no usable CUDA device though nothing is missing here ("
                + host.message()
                + ")");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void whenPythonHangsTheUsualSitePackagesAreScanned() throws IOException {
    nvidiaDevice(DRIVER_580);
    Path home = Files.createDirectories(elsewhere.resolve("home"));
    Path torch = wheel(home.resolve(".local/lib/python3.11/site-packages"));
    env.put("HOME", home.toString());
    python = List.of("sh", "-c", "exec sleep 600");

    CudaHost host = scan(gpuBuild(), Duration.ofMillis(300));

    assertThat(host.wheel()).contains(new TorchWheel(torch, "site-packages scan"));
    assertThat(host.usable()).isTrue();
  }

  @Test
  void whenPythonHasNoTorchOrIsMissingTheSystemsSitePackagesAreScanned() throws IOException {
    Path torch = wheel(root.resolve("usr/local/lib/python3.12/dist-packages"));
    for (List<String> answer :
        List.of(
            List.of("sh", "-c", "exit 1"),
            List.of("sh", "-c", "echo"),
            List.of("sh", "-c", "echo relative/torch"),
            List.of("/no/such/python3"))) {
      python = answer;
      assertThat(scan(gpuBuild()).wheel())
          .as(answer.toString())
          .contains(new TorchWheel(torch, "site-packages scan"));
    }
  }

  @Test
  void aVirtualEnvironmentOnPathIsScannedWhenPythonFails() throws IOException {
    // As on the GPU machines: /opt/torch/.venv/bin first on PATH, nothing activated.
    Path venv = elsewhere.resolve("opt/torch/.venv");
    touch(venv, "bin/python3");
    Path torch = wheel(venv.resolve("lib/python3.12/site-packages"));
    env.put("PATH", "/usr/local/bin:" + venv.resolve("bin") + ":/usr/bin");
    python = List.of("sh", "-c", "exit 1");

    assertThat(scan(gpuBuild()).wheel()).contains(new TorchWheel(torch, "site-packages scan"));
  }

  @Test
  void aCudaToolkitAndSystemCudnnWithTheGpuJarsOwnLibtorchAreUsable() throws IOException {
    nvidiaDevice(DRIVER_580);
    Path toolkit = root.resolve("usr/local/cuda-13.1");
    touch(toolkit, "lib64/libcudart.so.13");
    touch(toolkit, "lib64/libcublas.so.13");
    Files.createSymbolicLink(root.resolve("usr/local/cuda"), toolkit);
    touch(root, "usr/lib/x86_64-linux-gnu/libcudnn.so.9");
    String[] resources =
        CudaHostScanner.TORCH_LIBRARIES.stream().map(l -> GPU + l).toArray(String[]::new);
    ClassLoader jar =
        classPath(
            java.util.stream.Stream.concat(
                    java.util.Arrays.stream(resources),
                    java.util.stream.Stream.of(GPU + "libjnitorch.so", GPU + "libjnitorch_cuda.so"))
                .toArray(String[]::new));

    CudaHost host = scan(jar);

    assertThat(host.problems()).isEmpty();
    assertThat(library(host, "libtorch_cuda.so").onClassPath()).isTrue();
    assertThat(library(host, "libtorch_cuda.so").where()).isEqualTo("class path");
    // /usr/local/cuda and cuda-13.1 are one folder, searched once under the name found first.
    assertThat(library(host, "libcudart.so.13").folder().orElseThrow())
        .isEqualTo(new LibraryFolder(root.resolve("usr/local/cuda/lib64"), Origin.TOOLKIT));
    assertThat(host.searched())
        .extracting(LibraryFolder::path)
        .doesNotContain(toolkit.resolve("lib64"));
    assertThat(host.libraryPath()).containsExactly(root.resolve("usr/local/cuda/lib64").toString());
  }

  @Test
  void cudaHomeComesBeforeTheUsualToolkitFolders() throws IOException {
    nvidiaDevice(DRIVER_580);
    Path home = elsewhere.resolve("cuda");
    touch(home, "lib64/libcudart.so.13");
    touch(root, "usr/local/cuda-13.0/lib64/libcudart.so.13");
    env.put("CUDA_HOME", home.toString());

    CudaHost host = scan(gpuBuild());

    assertThat(library(host, "libcudart.so.13").folder().orElseThrow())
        .isEqualTo(new LibraryFolder(home.resolve("lib64"), Origin.TOOLKIT));
  }

  @Test
  void theExactMissingItemsOfACuda12HostWithAnOldDriver() throws IOException {
    nvidiaDevice("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 2023\n");
    Path toolkit = root.resolve("usr/local/cuda-12.4/lib64");
    touch(toolkit, "libcudart.so.12");
    touch(toolkit, "libcudart.so.12.4.127");
    touch(toolkit, "libcublas.so.12");
    touch(toolkit, "libcublas.so.13.2");
    Path sitePackages = elsewhere.resolve("site-packages");
    Path torch = wheel(sitePackages);
    Files.delete(sitePackages.resolve("nvidia/cudnn/lib/libcudnn.so.9"));
    Files.delete(sitePackages.resolve("nvidia/cublas/lib/libcublas.so.13"));
    Files.delete(sitePackages.resolve("nvidia/cuda_runtime/lib/libcudart.so.13"));
    python = List.of("sh", "-c", "echo " + torch);

    CudaHost host = scan(gpuBuild());

    assertThat(host.devices().driverMajor()).contains(535);
    String searched =
        String.join(
            ", ",
            strings(
                torch.resolve("lib"),
                sitePackages.resolve("nvidia/cublas/lib"),
                sitePackages.resolve("nvidia/cuda_runtime/lib"),
                sitePackages.resolve("nvidia/cudnn/lib"),
                sitePackages.resolve("nvidia/nccl/lib"),
                toolkit,
                root.resolve("usr/lib/x86_64-linux-gnu"),
                root.resolve("usr/lib")));
    assertThat(host.problems())
        .containsExactly(
            "NVIDIA driver 535.104.05 is older than CUDA 13 needs (580 or newer)",
            "no libcudart.so.13, libcublas.so.13, libcudnn.so.9 (CUDA 13 runtime, cuBLAS, cuDNN 9)"
                + " found in: "
                + searched
                + " (other versions there: libcudart.so.12 in "
                + toolkit
                + ", libcublas.so.12 in "
                + toolkit
                + "); a PyTorch CUDA 13 wheel has all but the driver's ("
                + CudaHostScanner.WHEEL_HINT
                + "), else install the CUDA 13 toolkit and cuDNN 9; a library kept elsewhere is"
                + " found once its folder is on LD_LIBRARY_PATH");
  }

  @Test
  void aFolderOnLdLibraryPathWinsAndIsNotAddedTwice() throws IOException {
    nvidiaDevice(DRIVER_580);
    Path sitePackages = elsewhere.resolve("site-packages");
    Path torch = wheel(sitePackages);
    Path own = touch(elsewhere, "own-cudnn/libcudnn.so.9").getParent();
    Path link = Files.createSymbolicLink(elsewhere.resolve("torch-lib"), torch.resolve("lib"));
    env.put("LD_LIBRARY_PATH", own + ":" + link);
    python = List.of("sh", "-c", "echo " + torch);

    CudaHost host = scan(gpuBuild());

    assertThat(library(host, "libcudnn.so.9").folder().orElseThrow())
        .isEqualTo(new LibraryFolder(own, Origin.LD_LIBRARY_PATH));
    assertThat(library(host, "libtorch_cuda.so").folder().orElseThrow())
        .isEqualTo(new LibraryFolder(link, Origin.LD_LIBRARY_PATH));
    assertThat(host.libraryPath())
        .startsWith(own.toString(), link.toString())
        .doesNotContain(torch.resolve("lib").toString())
        .contains(sitePackages.resolve("nvidia/cublas/lib").toString());
  }

  @Test
  void aCpuBuildNeverChangesTheLibraryPathEvenWhereEverythingElseIsThere() throws IOException {
    nvidiaDevice(DRIVER_580);
    Path torch = wheel(elsewhere.resolve("site-packages"));
    env.put("LD_LIBRARY_PATH", "/opt/mine");
    python = List.of("sh", "-c", "echo " + torch);

    CudaHost host = scan(classPath("org/bytedeco/pytorch/linux-x86_64/libjnitorch.so"));

    assertThat(host.libraries()).allMatch(CudaHost.Library::found);
    assertThat(host.problems())
        .containsExactly(
            "this build has only the CPU JNI library of libtorch (no "
                + GPU
                + "libjnitorch.so on the class path): build with mvn -Pcuda package");
    assertThat(host.libraryPath()).containsExactly("/opt/mine");
    assertThat(host.childLibraryPath()).isEmpty();
  }

  @Test
  void aGpuJniBuildWithoutItsCudaHalfIsReported() throws IOException {
    nvidiaDevice(DRIVER_580);
    python = List.of("sh", "-c", "echo " + wheel(elsewhere.resolve("site-packages")));

    CudaHost host = scan(classPath(GPU + "libjnitorch.so"));

    assertThat(host.problems())
        .containsExactly(
            "the GPU JNI build lacks "
                + GPU
                + "libjnitorch_cuda.so on the class path: build with mvn -Pcuda package");
  }

  @Test
  void foldersNamedInLdSoConfAreSearched() throws IOException {
    touch(root, "dev/nvidiactl");
    write(root, "etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n");
    write(root, "etc/ld.so.conf.d/nvidia.conf", "# the driver\n/opt/nvidia/lib  # here\n");
    touch(root, "opt/nvidia/lib/libcuda.so.1");
    python = List.of("sh", "-c", "echo " + wheel(elsewhere.resolve("site-packages")));

    CudaHost host = scan(gpuBuild());

    assertThat(library(host, "libcuda.so.1").folder().orElseThrow())
        .isEqualTo(new LibraryFolder(root.resolve("opt/nvidia/lib"), Origin.SYSTEM));
    // No /proc/driver/nvidia (some containers): the GPU is unnamed, the driver unknown, no problem.
    assertThat(host.devices().gpus()).isEmpty();
    assertThat(host.devices().driverVersion()).isEmpty();
    assertThat(host.problems()).isEmpty();
  }

  @Test
  void aToolkitThatLdSoConfNamesIsASystemFolderAndNeverExported() throws IOException {
    nvidiaDevice(DRIVER_580);
    touch(root, "usr/local/cuda-13.0/lib/libcudart.so.13");
    Files.createSymbolicLink(root.resolve("usr/local/cuda"), root.resolve("usr/local/cuda-13.0"));
    write(root, "etc/ld.so.conf.d/cuda.conf", "/usr/local/cuda-13.0/lib\n");
    python = List.of("sh", "-c", "echo " + wheel(elsewhere.resolve("site-packages")));

    CudaHost host = scan(gpuBuild());

    assertThat(host.searched()).filteredOn(f -> f.origin() == Origin.TOOLKIT).isEmpty();
    assertThat(host.searched())
        .contains(new LibraryFolder(root.resolve("usr/local/cuda-13.0/lib"), Origin.SYSTEM));
    assertThat(host.libraryPath())
        .noneMatch(p -> p.contains("cuda-13.0") || p.endsWith("cuda/lib"));
  }

  @Test
  void aContainersDriverFolderIsSearchedAndExported() throws IOException {
    touch(root, "dev/nvidiactl");
    touch(root, "usr/local/nvidia/lib64/libcuda.so.1");
    python = List.of("sh", "-c", "echo " + wheel(elsewhere.resolve("site-packages")));

    CudaHost host = scan(gpuBuild());

    assertThat(host.problems()).isEmpty();
    assertThat(host.libraryPath()).contains(root.resolve("usr/local/nvidia/lib64").toString());
  }

  @Test
  void aDanglingLinkIsNoLibrary() throws IOException {
    touch(root, "dev/nvidiactl");
    Path lib = Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
    Files.createSymbolicLink(lib.resolve("libcuda.so.1"), lib.resolve("libcuda.so.580.95.05"));
    python = List.of("sh", "-c", "echo " + wheel(elsewhere.resolve("site-packages")));

    CudaHost host = scan(gpuBuild());

    assertThat(library(host, "libcuda.so.1").found()).isFalse();
    assertThat(host.problems())
        .singleElement()
        .asString()
        .startsWith("no libcuda.so.1 (the NVIDIA");
  }

  static CudaHost.Library library(CudaHost host, String file) {
    return host.libraries().stream().filter(l -> l.file().equals(file)).findFirst().orElseThrow();
  }
}
