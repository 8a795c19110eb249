package dev.swarmledger.trainer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.trainer.data.DataCache;
import dev.swarmledger.trainer.track.Tracks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue of hostile attempts, run inside the real bubblewrap child that training uses.
 *
 * <p>The attempts are made by {@link HostileProbe}, a test-only main class that the sandboxed child
 * runs directly: it never went through the source check, so what is shown here is the operating
 * system's containment holding on its own, as it must when an experiment escapes the check (a
 * policy bug, native code). One sandboxed child makes every attempt; one uncontained child makes
 * the same attempts to show that each would succeed without the sandbox (so no assertion here
 * passes for a reason other than the sandbox).
 *
 * <p>Fails, rather than skips, on a host without a working bubblewrap: CI installs it.
 */
class HostileChildTest {
  private static final Set<String> PASSED_VARIABLES =
      Set.of(
          "PATH",
          "LANG",
          "LD_LIBRARY_PATH",
          "CUDA_VISIBLE_DEVICES",
          "CUBLAS_WORKSPACE_CONFIG",
          "TMPDIR",
          "OMP_WAIT_POLICY",
          "OPENBLAS_NUM_THREADS",
          // bwrap sets it to the folder it starts the child in: the child's own output folder.
          "PWD");

  @TempDir static Path scratch;
  static ServerSocket server;
  static Path cached;
  static Path mirrored;
  static Path shared;
  static Path run;
  static Path containedRun;
  static String nonce = UUID.randomUUID().toString();
  static Map<String, String[]> contained;
  static Map<String, String[]> uncontained;

  @BeforeAll
  static void runTheProbe() throws Exception {
    assertThat(Containment.problem())
        .as("bubblewrap must work on this host (CI installs it); `swarm doctor` says why not")
        .isEmpty();
    // The real places data lives on a host, filled so that their invisibility is the sandbox's.
    DataCache cache = DataCache.fromEnvironment(false);
    cache.read(Tracks.SHAKESPEARE_CHAR.dataSet());
    String file = Tracks.SHAKESPEARE_CHAR.dataSet().fileName();
    cached = cache.directory().resolve(file);
    mirrored = Path.of(System.getenv("SWARM_DATA_MIRROR")).resolve(file);
    shared = Path.of("..", "..", "shared", "data", file).toAbsolutePath().normalize();
    for (Path data : List.of(cached, mirrored, shared)) {
      assertThat(data).as("the host holds " + data).isRegularFile();
    }
    server = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"));
    contained = probe(Containment.fromEnvironment(), "contained");
    containedRun = run;
    uncontained = probe(Containment.NONE, "uncontained");
  }

  @AfterAll
  static void closeServer() throws IOException {
    server.close();
  }

  /** Lays out a run folder as the Trainer does for training, plus the validation split nearby. */
  static Map<String, String[]> probe(Containment containment, String name) throws Exception {
    run = Files.createTempDirectory(scratch, "swarm-run-");
    Path in = Files.createDirectory(run.resolve("train-in"));
    Path out = Files.createDirectory(run.resolve("train-out"));
    Files.writeString(in.resolve("train.bin"), "First Citizen: the training split");
    // Where the validation split sat before (beside the job) and where scoring will read it.
    Files.writeString(run.resolve("validation.bin"), "the validation split");
    Path evalIn = Files.createDirectory(run.resolve("eval-in"));
    Files.writeString(evalIn.resolve("validation.bin"), "the validation split");
    Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
    long me = ProcessHandle.current().pid();
    List<String> expected = new ArrayList<>();
    expected.addAll(List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64", "/lib32", "/usr/lib32"));
    expected.add(javaHome.toString());
    expected.add(ChildProcess.javacppCache().toString());
    expected.add(in.toString());
    expected.add(out.toString());
    Arrays.stream(System.getProperty("java.class.path").split(":"))
        .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
        .forEach(expected::add);
    String classesDir =
        Path.of(HostileProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String[][] attempts = {
      {"read", "sanity: the training split", in.resolve("train.bin").toString()},
      {"write", "sanity: the output folder", out.resolve("answer.json").toString()},
      {"visible", "files outside the expected folders", String.join(" ", expected)},
      {"read", "data cache", cached.toString()},
      {"read", "data mirror", mirrored.toString()},
      {"read", "shared data", shared.toString()},
      {"read", "validation beside the job", run.resolve("validation.bin").toString()},
      {"read", "validation for scoring", evalIn.resolve("validation.bin").toString()},
      {"read", "own environment", "/proc/self/environ"},
      {"read", "pid 1 environment", "/proc/1/environ"},
      {"read", "parent JVM environment", "/proc/" + me + "/environ"},
      {"read", "parent JVM command line", "/proc/" + me + "/cmdline"},
      {"read", "pid 1 memory", "/proc/1/mem"},
      {"write", "input folder", in.resolve("train.bin").toString()},
      {"write", "class path", Path.of(classesDir, "planted.class").toString()},
      {"write", "JavaCPP cache", ChildProcess.javacppCache().resolve("planted.so").toString()},
      {"write", "root folder", "/planted"},
      {"write", "data cache folder", cached.resolveSibling("planted").toString()},
      {"write", "run folder", run.resolve("planted").toString()},
      {"write", "private tmp", "/tmp/" + nonce},
      {"connect", "loopback server", "127.0.0.1:" + server.getLocalPort()},
      {"connect", "host address", hostAddress() + ":" + server.getLocalPort()},
      {"spawn", "shell", "/bin/sh -c true"},
      {"spawn", "java", javaHome.resolve("bin/java") + " -version"},
    };
    if (!containment.isolates()) {
      // Uncontained, the probe would really plant files on this host and walk all of it.
      attempts =
          Arrays.stream(attempts)
              .filter(a -> a[0].equals("read") || a[0].equals("connect") || a[0].equals("spawn"))
              .toArray(String[][]::new);
    }
    Files.writeString(
        in.resolve("attempts.tsv"),
        Arrays.stream(attempts).map(a -> String.join("\t", a)).collect(Collectors.joining("\n")));
    ChildProcess child =
        new ChildProcess(
            System.getProperty("java.class.path"), 128L << 20, 2L << 30, containment, false);
    ChildProcess.Outcome outcome =
        child.run(
            HostileProbe.class.getName(),
            List.of(in.toString(), out.toString()),
            in,
            out,
            run.resolve(name + "-stderr.log"),
            Optional.of(Duration.ofSeconds(120)),
            line -> {});
    assertThat(outcome.exitCode()).as(outcome.stderrTail()).isZero();
    Map<String, String[]> report = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out.resolve("report.tsv"))) {
      String[] fields = line.split("\t", 3);
      report.put(fields[0], new String[] {fields[1], fields.length > 2 ? fields[2] : ""});
    }
    assertThat(report).hasSize(attempts.length);
    return report;
  }

  /** This host's first non-loopback IPv4 address, or loopback where it has none. */
  static String hostAddress() throws IOException {
    for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
      for (InetAddress address : nic.inetAddresses().toList()) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address.getHostAddress();
        }
      }
    }
    return "127.0.0.1";
  }

  private static void assertRefused(String attempt, String why) {
    assertThat(contained.get(attempt)[0])
        .as(attempt + ": " + contained.get(attempt)[1])
        .isEqualTo("REFUSED");
    assertThat(contained.get(attempt)[1]).as(attempt).contains(why);
  }

  private static void assertAllowedWithoutSandbox(String attempt) {
    assertThat(uncontained.get(attempt)[0])
        .as(attempt + " without the sandbox")
        .isEqualTo("ALLOWED");
  }

  @Test
  void theProbeCanDoWhatTrainingNeeds() {
    assertThat(contained.get("sanity: the training split"))
        .containsExactly("ALLOWED", "First Citizen: the training split");
    assertThat(contained.get("sanity: the output folder")[0]).isEqualTo("ALLOWED");
  }

  @Test
  void dataOnTheHostIsInvisible() {
    for (String attempt :
        List.of(
            "data cache",
            "data mirror",
            "shared data",
            "validation beside the job",
            "validation for scoring")) {
      assertRefused(attempt, "NoSuchFileException");
      assertAllowedWithoutSandbox(attempt);
    }
  }

  @Test
  void nothingIsVisibleButTheRuntimeTheClassPathAndTheJob() {
    assertThat(contained.get("files outside the expected folders")[0]).isEqualTo("ALLOWED");
    List<String> unexpected =
        Arrays.stream(contained.get("files outside the expected folders")[1].split(" "))
            .filter(f -> !f.isBlank())
            // The dynamic linker's cache, the program that drops root, and what the JDK's own
            // symlinks lead to (Debian keeps its configuration, certificates and notices apart).
            .filter(f -> !f.equals("/etc/ld.so.cache"))
            .filter(f -> !f.equals("/usr/bin/setpriv"))
            .filter(f -> runtimeLinkTargets().stream().noneMatch(f::startsWith))
            .toList();
    assertThat(unexpected).isEmpty();
  }

  static List<String> runtimeLinkTargets() {
    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("java.home")).toRealPath())) {
      return files
          .filter(Files::isSymbolicLink)
          .flatMap(
              link -> {
                try {
                  return Stream.of(link.toRealPath().toString());
                } catch (IOException dangling) {
                  return Stream.empty();
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theParentsProcessesAndEnvironmentAreOutOfReach() {
    assertRefused("parent JVM environment", "NoSuchFileException");
    assertRefused("parent JVM command line", "NoSuchFileException");
    assertAllowedWithoutSandbox("parent JVM environment");
    assertThat(contained.get("pid 1 memory")[0]).isEqualTo("REFUSED");
    for (String attempt : List.of("own environment", "pid 1 environment")) {
      String[] outcome = contained.get(attempt);
      if (outcome[0].equals("ALLOWED")) {
        Set<String> names =
            Arrays.stream(outcome[1].split(" "))
                .filter(v -> v.contains("="))
                .map(v -> v.substring(0, v.indexOf('=')))
                .collect(Collectors.toSet());
        assertThat(PASSED_VARIABLES).as(attempt).containsAll(names);
      }
    }
    assertThat(contained.get("own environment")[1]).doesNotContain("SWARM_DATA_MIRROR");
  }

  @Test
  void writesOutsideTheOutputFolderAreRefused() {
    for (String attempt :
        List.of(
            "input folder",
            "class path",
            "JavaCPP cache",
            "root folder",
            "data cache folder",
            "run folder")) {
      assertThat(contained.get(attempt)[0])
          .as(attempt + ": " + contained.get(attempt)[1])
          .isEqualTo("REFUSED");
    }
    assertThat(containedRun.resolve("planted")).doesNotExist();
    // /tmp is the child's own: the write lands in a tmpfs that dies with it, not on the host.
    assertThat(contained.get("private tmp")[0]).isEqualTo("ALLOWED");
    assertThat(Path.of("/tmp", nonce)).doesNotExist();
  }

  @Test
  void theNetworkIsUnreachableLoopbackIncluded() throws IOException {
    assertRefused("loopback server", "Exception");
    assertRefused("host address", "Exception");
    assertAllowedWithoutSandbox("loopback server");
    // Only the uncontained probe's connections reached the server.
    server.setSoTimeout(100);
    int accepted = 0;
    try {
      while (true) {
        server.accept().close();
        accepted++;
      }
    } catch (SocketTimeoutException drained) {
      // Every queued connection has been taken.
    }
    assertThat(accepted).isEqualTo(uncontained.get("host address")[0].equals("ALLOWED") ? 2 : 1);
  }

  @Test
  void noProcessCanBeStarted() {
    assertRefused("shell", "IOException");
    assertRefused("java", "IOException");
    assertAllowedWithoutSandbox("java");
  }
}
