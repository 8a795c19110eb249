package dev.swarmledger.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code swarm} command in its own JVM, on this JVM's class path: its output is kept (and
 * echoed with a name prefix), waited on line by line, and it can be killed like a crashed machine
 * (SIGKILL of the whole process tree, trainer children included).
 */
final class SwarmProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private SwarmProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(this::pump, "output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code swarm args...}; standard error is merged into standard output. */
  static SwarmProcess start(String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.swarmledger.cli.SwarmCli");
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      return new SwarmProcess(name, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start swarm " + String.join(" ", args), e);
    }
  }

  private void pump() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        // Progress bars redraw with carriage returns: keep what the last redraw shows.
        String shown = line.substring(line.lastIndexOf('\r') + 1);
        lines.add(shown);
        if (!shown.isBlank()) {
          System.out.println("[" + name + "] " + shown);
        }
      }
    } catch (IOException e) {
      // the process died: its output ends here
    }
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  Optional<Matcher> find(Pattern pattern) {
    for (String line : lines) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The first output line matching {@code pattern}, waiting for it up to {@code within}. */
  Matcher awaitLine(Pattern pattern, Duration within) {
    return Await.value(
        name + " to print /" + pattern + "/",
        within,
        () -> {
          Optional<Matcher> m = find(pattern);
          if (m.isEmpty() && !process.isAlive()) {
            drainOutput();
            m = find(pattern);
            if (m.isEmpty()) {
              throw new AssertionError(
                  name
                      + " exited with "
                      + process.exitValue()
                      + " before printing /"
                      + pattern
                      + "/");
            }
          }
          return m;
        });
  }

  /** Waits for the process to exit on its own; returns its exit code. */
  int awaitExit(Duration within) {
    try {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still running after " + within.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    drainOutput();
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, children first: a machine losing power, not a polite shutdown. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    awaitDeath();
  }

  /** SIGTERM: the command's shutdown hooks run. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private void awaitDeath() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainOutput();
  }

  private void drainOutput() {
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  /** The running JVM's {@code java} launcher. */
  private static String javaExecutable() {
    return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
