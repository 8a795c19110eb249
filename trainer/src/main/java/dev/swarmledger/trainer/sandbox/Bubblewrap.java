package dev.swarmledger.trainer.sandbox;

import dev.swarmledger.trainer.cuda.CudaHostScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Containment by bubblewrap: the child gets private mount, pid, network, IPC and UTS namespaces, a
 * root holding only the Java runtime, the system libraries, its class path, the JavaCPP cache and
 * its job folders, no capabilities, a non-root user when the host runs as root, a syscall filter
 * against new processes, and kernel limits on CPU time, file size and tasks.
 */
public final class Bubblewrap implements Containment {
  /** The user a root host runs children as: nobody, who owns no file the child can see. */
  static final int SANDBOX_UID = 65534;

  /** Library folders the dynamic linker and the JVM search; each is bound only if it exists. */
  private static final List<String> SYSTEM_LIBRARIES =
      List.of("/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64", "/usr/lib32");

  /** Where the NVIDIA driver's user-space libraries live in containers and CUDA installs. */
  private static final List<String> DRIVER_LIBRARIES =
      List.of("/usr/local/nvidia/lib64", "/usr/local/cuda/lib64", "/usr/lib/wsl/lib");

  private static volatile Optional<Optional<String>> hostProblem = Optional.empty();

  private final Host host;

  public Bubblewrap(Host host) {
    this.host = host;
  }

  /**
   * The programs and facts of a host that the command line depends on, apart so a test can build
   * the command for a host it is not running on.
   *
   * @param shell runs bwrap with the syscall filter open on fd {@value #FILTER_FD}
   * @param syscallFilter the compiled filter; empty where {@link SyscallFilter} has none for the
   *     CPU
   * @param root whether this host runs as root (then the child drops to {@link #SANDBOX_UID})
   * @param dev the host's device folder, searched for NVIDIA device nodes
   * @param libraryPath {@code LD_LIBRARY_PATH}, where a PyTorch wheel's CUDA libraries are found
   */
  public record Host(
      Path shell,
      Path prlimit,
      Path bwrap,
      Path setpriv,
      Optional<Path> syscallFilter,
      boolean root,
      Path dev,
      List<Path> libraryPath) {
    public Host {
      libraryPath = List.copyOf(libraryPath);
    }
  }

  /** A single digit: dash, Debian's /bin/sh, redirects no higher descriptor. */
  static final int FILTER_FD = 9;

  @Override
  public String name() {
    return "bubblewrap";
  }

  @Override
  public List<String> wrap(ChildView view, List<String> javaCommand) {
    List<String> command = new ArrayList<>();
    if (host.syscallFilter().isPresent()) {
      // ProcessBuilder cannot hand a child an extra file descriptor, so a shell opens the filter
      // on one and execs the rest; bwrap reads and closes it before the child starts.
      command.add(host.shell().toString());
      command.add("-c");
      command.add("f=$1; shift; exec \"$@\" " + FILTER_FD + "<\"$f\"");
      command.add("sh");
      command.add(host.syscallFilter().get().toString());
    }
    // Limits are set by prlimit outside the sandbox rather than by a shell's ulimit inside, so no
    // shell is visible to the child and the limits are in place before any of its code runs; they
    // are hard limits and the child has no capability to raise them. Memory is not an rlimit:
    // an address-space limit breaks the JVM's and CUDA's large reservations without bounding
    // what is used, so ChildProcess's watchdog kills on the resident size of the whole sandbox.
    ChildView.Limits limits = view.limits();
    command.add(host.prlimit().toString());
    command.add("--cpu=" + limits.cpuSeconds());
    command.add("--fsize=" + limits.fileBytes());
    command.add("--nproc=" + limits.tasks());
    command.add("--core=0");
    command.add("--");
    command.add(host.bwrap().toString());
    command.addAll(
        List.of(
            "--unshare-net",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--die-with-parent",
            "--new-session",
            "--cap-drop",
            "ALL"));
    if (host.root()) {
      // Only to let setpriv leave root: the task limit does not apply to uid 0.
      command.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"));
    }
    if (host.syscallFilter().isPresent()) {
      command.addAll(List.of("--seccomp", Integer.toString(FILTER_FD)));
    }
    // A private /tmp, no larger than the largest file the child may write; mounted before the
    // binds because job folders usually live under the host's /tmp.
    command.addAll(
        List.of("--perms", "1777", "--size", Long.toString(limits.fileBytes()), "--tmpfs", "/tmp"));
    Mounts mounts = new Mounts();
    for (String library : SYSTEM_LIBRARIES) {
      mounts.systemFolder(Path.of(library));
    }
    mounts.readOnly(Path.of("/etc/ld.so.cache"));
    mounts.javaRuntime(view.javaHome());
    view.classPath().forEach(mounts::readOnly);
    mounts.readOnly(view.javacppCache());
    if (host.root()) {
      mounts.readOnly(host.setpriv());
    }
    if (view.cuda()) {
      cuda(mounts);
    }
    mounts.readOnly(view.input());
    mounts.writable(view.output());
    command.addAll(mounts.arguments());
    command.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    if (view.cuda()) {
      for (Path node : nvidiaDevices(host.dev())) {
        command.addAll(List.of("--dev-bind", node.toString(), "/dev/" + node.getFileName()));
      }
    }
    command.addAll(List.of("--chdir", view.output().toString(), "--"));
    if (host.root()) {
      command.addAll(
          List.of(
              host.setpriv().toString(),
              "--reuid=" + SANDBOX_UID,
              "--regid=" + SANDBOX_UID,
              "--clear-groups",
              "--inh-caps=-all",
              "--bounding-set=-all",
              "--no-new-privs",
              "--"));
    }
    command.addAll(javaCommand);
    return command;
  }

  private void cuda(Mounts mounts) {
    for (Path folder : host.libraryPath()) {
      mounts.readOnly(folder);
    }
    for (String folder : DRIVER_LIBRARIES) {
      mounts.readOnly(Path.of(folder));
    }
  }

  /** {@code nvidia0…}, {@code nvidiactl}, {@code nvidia-uvm…}, {@code nvidia-caps/}, sorted. */
  static List<Path> nvidiaDevices(Path dev) {
    try (Stream<Path> entries = Files.list(dev)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("nvidia")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** This host's bubblewrap if it can build a sandbox, checked once per JVM. */
  static Optional<Bubblewrap> onThisHost() {
    if (hostProblem().isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new Bubblewrap(thisHost()));
  }

  static Optional<String> hostProblem() {
    Optional<Optional<String>> known = hostProblem;
    if (known.isEmpty()) {
      synchronized (Bubblewrap.class) {
        known = hostProblem;
        if (known.isEmpty()) {
          known = Optional.of(check(thisHost()));
          hostProblem = known;
        }
      }
    }
    return known.get();
  }

  static Host thisHost() {
    // What ChildProcess gives a CUDA child: this process's path, or the CUDA folders found here.
    String libraryPath =
        CudaHostScanner.childLibraryPath()
            .orElse(System.getenv().getOrDefault("LD_LIBRARY_PATH", ""));
    return new Host(
        Path.of("/bin/sh"),
        Path.of("/usr/bin/prlimit"),
        Path.of("/usr/bin/bwrap"),
        Path.of("/usr/bin/setpriv"),
        SyscallFilter.installed(),
        isRoot(),
        Path.of("/dev"),
        libraryFolders(libraryPath));
  }

  /** The absolute folders of an {@code LD_LIBRARY_PATH} value, in order. */
  static List<Path> libraryFolders(String libraryPath) {
    List<Path> folders = new ArrayList<>();
    for (String entry : libraryPath.split(":")) {
      if (!entry.isBlank() && Path.of(entry).isAbsolute()) {
        folders.add(Path.of(entry));
      }
    }
    return folders;
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Runs {@code /usr/bin/true} in the sandbox this class builds (namespaces, limits, user switch
   * and filter included): having bwrap installed is not enough where the kernel or a container
   * forbids namespaces.
   */
  static Optional<String> check(Host host) {
    for (Path program : List.of(host.bwrap(), host.prlimit(), host.shell())) {
      if (!Files.isExecutable(program)) {
        return Optional.of(
            program + " is missing (install the Debian packages bubblewrap and util-linux)");
      }
    }
    if (host.root() && !Files.isExecutable(host.setpriv())) {
      return Optional.of(host.setpriv() + " is missing (Debian package util-linux)");
    }
    Path truth = Path.of("/usr/bin/true");
    Path folder = null;
    try {
      folder = Files.createTempDirectory("swarm-sandbox-check-");
      ChildView view =
          new ChildView(
              Path.of(System.getProperty("java.home")),
              List.of(truth),
              truth,
              folder,
              folder,
              new ChildView.Limits(10, 1 << 20, 4096),
              false);
      ProcessBuilder builder =
          new ProcessBuilder(new Bubblewrap(host).wrap(view, List.of(truth.toString())));
      builder.redirectErrorStream(true);
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process process = builder.start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.of("a sandboxed `true` did not finish in 30 s");
      }
      String output = new String(process.getInputStream().readAllBytes()).trim();
      if (process.exitValue() != 0) {
        return Optional.of(
            "bwrap cannot create the sandbox (exit " + process.exitValue() + "): " + output);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot start bwrap: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking bwrap");
    } finally {
      if (folder != null) {
        folder.toFile().delete();
      }
    }
  }

  /**
   * Bind mounts in a root that bwrap builds on a fresh tmpfs. Folders bwrap creates on the way to a
   * mount point would be private to root; they are made explicitly, 0755, so the unprivileged child
   * can walk through them.
   */
  private static final class Mounts {
    private final TreeSet<String> folders = new TreeSet<>();
    private final List<String> binds = new ArrayList<>();

    void readOnly(Path path) {
      if (Files.exists(path)) {
        bind("--ro-bind", path.toAbsolutePath().normalize());
      }
    }

    void writable(Path path) {
      bind("--bind", path.toAbsolutePath().normalize());
    }

    /** A system folder, or the symlink it is on a merged-/usr host. */
    void systemFolder(Path path) {
      if (Files.isSymbolicLink(path)) {
        try {
          binds.addAll(
              List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
        } catch (IOException e) {
          // An unreadable link is left out; the libraries it led to are then simply absent.
        }
      } else {
        readOnly(path);
      }
    }

    /**
     * The runtime, and the files its own symlinks lead to outside it (Debian keeps the JDK's
     * configuration in /etc/java-NN-openjdk).
     */
    void javaRuntime(Path javaHome) {
      Path real;
      try {
        real = javaHome.toRealPath();
      } catch (IOException e) {
        real = javaHome;
      }
      readOnly(real);
      if (!real.equals(javaHome.toAbsolutePath().normalize())) {
        readOnly(javaHome);
      }
      Path home = real;
      TreeSet<Path> outside = new TreeSet<>();
      try (Stream<Path> files = Files.walk(real)) {
        files
            .filter(Files::isSymbolicLink)
            .forEach(
                link -> {
                  try {
                    Path target = link.toRealPath();
                    if (!target.startsWith(home)) {
                      outside.add(target);
                    }
                  } catch (IOException e) {
                    // A dangling link in the runtime points at nothing the child could use.
                  }
                });
      } catch (IOException e) {
        // An unreadable runtime fails at the child's start, with the JVM's own message.
      }
      outside.forEach(this::readOnly);
    }

    private void bind(String option, Path path) {
      for (Path parent = path.getParent();
          parent != null && parent.getParent() != null;
          parent = parent.getParent()) {
        if (!parent.toString().equals("/tmp")) {
          folders.add(parent.toString());
        }
      }
      binds.addAll(List.of(option, path.toString(), path.toString()));
    }

    List<String> arguments() {
      List<String> arguments = new ArrayList<>();
      // TreeSet order puts every folder after its parent.
      for (String folder : folders) {
        arguments.addAll(List.of("--perms", "0755", "--dir", folder));
      }
      arguments.addAll(binds);
      return arguments;
    }
  }
}
