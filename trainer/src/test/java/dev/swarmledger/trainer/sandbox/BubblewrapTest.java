package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.cuda.CudaHost;
import dev.swarmledger.trainer.cuda.CudaHostScanner;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line bubblewrap is given, built for hosts this test does not run on. */
class BubblewrapTest {
  @TempDir Path root;

  Bubblewrap.Host host(boolean isRoot, Path dev, List<Path> libraryPath) {
    return new Bubblewrap.Host(
        Path.of("/bin/sh"),
        Path.of("/usr/bin/prlimit"),
        Path.of("/usr/bin/bwrap"),
        Path.of("/usr/bin/setpriv"),
        Optional.of(Path.of("/tmp/filter.bpf")),
        isRoot,
        dev,
        libraryPath);
  }

  ChildView view(boolean cuda) throws IOException {
    Path job = Files.createDirectories(root.resolve("run"));
    return new ChildView(
        Path.of(System.getProperty("java.home")),
        List.of(Files.createDirectories(root.resolve("classes"))),
        Files.createDirectories(root.resolve("javacpp")),
        Files.createDirectories(job.resolve("train-in")),
        Files.createDirectories(job.resolve("train-out")),
        new ChildView.Limits(600, 1 << 30, 4096),
        cuda);
  }

  static boolean has(List<String> command, String... sequence) {
    return Collections.indexOfSubList(command, List.of(sequence)) >= 0;
  }

  @Test
  void cpuChildGetsNamespacesLimitsAndOnlyItsFolders() throws IOException {
    ChildView view = view(false);
    List<String> command =
        new Bubblewrap(host(true, root, List.of())).wrap(view, List.of("java", "Main"));

    assertThat(command.subList(0, 5))
        .containsExactly(
            "/bin/sh", "-c", "f=$1; shift; exec \"$@\" 9<\"$f\"", "sh", "/tmp/filter.bpf");
    assertThat(command)
        .contains(
            "--cpu=600",
            "--fsize=1073741824",
            "--nproc=4096",
            "--core=0",
            "--unshare-net",
            "--unshare-pid",
            "--die-with-parent",
            "--new-session");
    assertThat(has(command, "--cap-drop", "ALL")).isTrue();
    assertThat(has(command, "--seccomp", "9")).isTrue();
    String in = view.input().toString();
    String out = view.output().toString();
    assertThat(has(command, "--ro-bind", in, in)).isTrue();
    assertThat(has(command, "--bind", out, out)).isTrue();
    assertThat(has(command, "--bind", in, in)).isFalse();
    String cache = view.javacppCache().toString();
    assertThat(has(command, "--ro-bind", cache, cache)).isTrue();
    assertThat(has(command, "--perms", "1777", "--size", "1073741824", "--tmpfs", "/tmp")).isTrue();
    // The run folder itself, where the validation split is written later, is never bound.
    String run = view.input().getParent().toString();
    assertThat(has(command, "--ro-bind", run, run)).isFalse();
    assertThat(command.indexOf("--tmpfs")).isLessThan(command.indexOf(in));
    assertThat(command).noneMatch(a -> a.startsWith("/dev/nvidia"));
    // As root the child drops to nobody, last, just before the JVM.
    int setpriv = command.lastIndexOf("/usr/bin/setpriv");
    assertThat(command.subList(setpriv, command.size()))
        .startsWith("/usr/bin/setpriv", "--reuid=65534", "--regid=65534")
        .endsWith("--", "java", "Main");
  }

  @Test
  void anUnprivilegedHostNeedsNoUserSwitch() throws IOException {
    List<String> command =
        new Bubblewrap(host(false, root, List.of())).wrap(view(false), List.of("java", "Main"));

    assertThat(command).doesNotContain("/usr/bin/setpriv", "CAP_SETUID");
    assertThat(command.subList(command.size() - 3, command.size()))
        .containsExactly("--", "java", "Main");
  }

  @Test
  void cudaChildGetsTheDeviceNodesAndTheDriverAndWheelLibraries() throws IOException {
    Path dev = Files.createDirectories(root.resolve("dev"));
    for (String node : List.of("nvidia0", "nvidia1", "nvidiactl", "nvidia-uvm", "null", "sda")) {
      Files.createFile(dev.resolve(node));
    }
    Files.createDirectories(dev.resolve("nvidia-caps"));
    Path wheel = Files.createDirectories(root.resolve("site-packages/nvidia/cublas/lib"));
    Path torch = Files.createDirectories(root.resolve("site-packages/torch/lib"));
    Bubblewrap bubblewrap = new Bubblewrap(host(true, dev, List.of(wheel, torch)));

    List<String> cuda = bubblewrap.wrap(view(true), List.of("java", "Main"));
    List<String> cpu = bubblewrap.wrap(view(false), List.of("java", "Main"));

    for (String node : List.of("nvidia-caps", "nvidia-uvm", "nvidia0", "nvidia1", "nvidiactl")) {
      assertThat(has(cuda, "--dev-bind", dev.resolve(node).toString(), "/dev/" + node))
          .as(node)
          .isTrue();
    }
    assertThat(cuda).doesNotContain("/dev/sda", dev.resolve("sda").toString());
    assertThat(has(cuda, "--ro-bind", wheel.toString(), wheel.toString())).isTrue();
    assertThat(has(cuda, "--ro-bind", torch.toString(), torch.toString())).isTrue();
    // Devices are bound after bwrap's own /dev, which would otherwise hide them.
    assertThat(cuda.indexOf("--dev-bind")).isGreaterThan(cuda.indexOf("--dev"));
    assertThat(cpu).doesNotContain("--dev-bind", wheel.toString());
  }

  @Test
  void aCudaChildGetsEveryFolderTheCudaScanFoundBoundReadOnly() throws IOException {
    Path dev = Files.createDirectories(root.resolve("dev"));
    Files.createFile(dev.resolve("nvidiactl"));
    Path sitePackages = root.resolve("site-packages");
    for (String library :
        List.of(
            "torch/lib/libtorch_cuda.so",
            "torch/lib/libc10_cuda.so",
            "torch/lib/libtorch_cpu.so",
            "torch/lib/libtorch.so",
            "torch/lib/libc10.so",
            "nvidia/cuda_runtime/lib/libcudart.so.13",
            "nvidia/cublas/lib/libcublas.so.13",
            "nvidia/cudnn/lib/libcudnn.so.9",
            "nvidia/nvjitlink/lib/libnvJitLink.so.13")) {
      Files.createDirectories(sitePackages.resolve(library).getParent());
      Files.createFile(sitePackages.resolve(library));
    }
    Path classes = Files.createDirectories(root.resolve("gpu-jar/org/bytedeco/pytorch"));
    Files.createDirectories(classes.resolve("linux-x86_64-gpu"));
    Files.createFile(classes.resolve("linux-x86_64-gpu/libjnitorch.so"));
    Files.createFile(classes.resolve("linux-x86_64-gpu/libjnitorch_cuda.so"));
    Path mine = Files.createDirectories(root.resolve("mine"));
    CudaHost scanned =
        new CudaHostScanner(
                new CudaHostScanner.Sources(
                    root,
                    Map.of("LD_LIBRARY_PATH", mine.toString()),
                    List.of("sh", "-c", "echo " + sitePackages.resolve("torch")),
                    Duration.ofSeconds(10),
                    new URLClassLoader(new URL[] {root.resolve("gpu-jar").toUri().toURL()}, null),
                    "linux-x86_64"))
            .scan();
    assertThat(scanned.addedFolders()).hasSize(5);

    Bubblewrap bubblewrap =
        new Bubblewrap(host(true, dev, Bubblewrap.libraryFolders(scanned.ldLibraryPath())));
    List<String> cuda = bubblewrap.wrap(view(true), List.of("java", "Main"));
    List<String> cpu = bubblewrap.wrap(view(false), List.of("java", "Main"));

    for (String folder : scanned.libraryPath()) {
      assertThat(has(cuda, "--ro-bind", folder, folder)).as(folder).isTrue();
      assertThat(has(cpu, "--ro-bind", folder, folder)).as(folder).isFalse();
    }
  }

  @Test
  void onlyAbsoluteLibraryPathEntriesAreBound() {
    assertThat(Bubblewrap.libraryFolders(":/opt/a::lib:/opt/b/"))
        .containsExactly(Path.of("/opt/a"), Path.of("/opt/b"));
    assertThat(Bubblewrap.libraryFolders("")).isEmpty();
  }

  @Test
  void theSyscallFilterIsAWholeProgram() {
    byte[] program = SyscallFilter.x86_64();
    assertThat(program.length % 8).isZero();
    // 18 checks and 4 returns; the kernel refuses a program it cannot verify.
    assertThat(program.length / 8).isEqualTo(22);
  }
}
