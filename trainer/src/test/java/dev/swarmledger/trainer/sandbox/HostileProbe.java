package dev.swarmledger.trainer.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A hostile child, compiled with the tests and never through the source check: it stands for an
 * experiment that escaped the check (by a policy bug, or in native code) and tries, one after the
 * other, what such an experiment would try. {@code HostileProbe INPUT OUTPUT}: reads {@code
 * attempts.tsv} (kind, name, target per line) from INPUT and writes {@code report.tsv} (name,
 * ALLOWED or REFUSED, detail) to OUTPUT. Run inside the real sandbox by {@link HostileChildTest}.
 */
public final class HostileProbe {
  private HostileProbe() {}

  public static void main(String[] args) throws IOException {
    Path input = Path.of(args[0]);
    Path output = Path.of(args[1]);
    StringBuilder report = new StringBuilder();
    for (String line : Files.readAllLines(input.resolve("attempts.tsv"))) {
      String[] fields = line.split("\t", 3);
      String outcome;
      try {
        outcome = "ALLOWED\t" + oneLine(attempt(fields[0], fields[2], input));
      } catch (Exception | Error e) {
        outcome = "REFUSED\t" + oneLine(e.toString());
      }
      report.append(fields[1]).append('\t').append(outcome).append('\n');
    }
    Files.writeString(output.resolve("report.tsv"), report.toString());
  }

  private static String attempt(String kind, String target, Path input) throws Exception {
    switch (kind) {
      case "read":
        return new String(Files.readAllBytes(Path.of(target)), StandardCharsets.ISO_8859_1);
      case "write":
        Files.writeString(Path.of(target), "planted by an experiment");
        return "wrote " + target;
      case "connect":
        try (Socket socket = new Socket()) {
          String[] hostPort = target.split(":");
          socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 2000);
          return "connected to " + target;
        }
      case "spawn":
        Process process = new ProcessBuilder(target.split(" ")).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return "exit " + process.waitFor() + ": " + text;
      case "visible":
        return String.join(" ", visibleFiles(Set.of(target.split(" "))));
      default:
        throw new IllegalArgumentException("unknown attempt " + kind);
    }
  }

  /**
   * Every regular file and link this process can find, outside the folders it was expected to see.
   */
  private static List<String> visibleFiles(Set<String> expected) throws IOException {
    List<String> found = new ArrayList<>();
    Files.walkFileTree(
        Path.of("/"),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.toString();
            boolean skipped =
                name.equals("/proc")
                    || name.equals("/dev")
                    || expected.stream().anyMatch(e -> name.equals(e));
            return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!expected.contains(file.toString())) {
              found.add(file.toString());
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            found.add(file + " (unreadable: " + e.getClass().getSimpleName() + ")");
            return FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  private static String oneLine(String text) {
    String flat = text.replace('\n', ' ').replace('\t', ' ').replace('\0', ' ');
    return flat.length() > 100_000 ? flat.substring(0, 100_000) : flat;
  }
}
