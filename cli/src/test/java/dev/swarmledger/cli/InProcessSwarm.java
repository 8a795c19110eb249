package dev.swarmledger.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a {@code swarm} command in this JVM, as a test drives it: its exit code, standard output and
 * standard error captured (and the output echoed, so a failing test shows what the command said).
 */
public final class InProcessSwarm {
  private InProcessSwarm() {}

  /** What one command printed and returned. */
  public record Captured(int exit, String out, String err) {}

  public static synchronized Captured swarm(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      exit = SwarmCli.commandLine().execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    Captured c =
        new Captured(
            exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    out.print(c.out());
    err.print(c.err());
    return c;
  }
}
