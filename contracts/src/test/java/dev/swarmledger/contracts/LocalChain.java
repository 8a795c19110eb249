package dev.swarmledger.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real local Ethereum chain for tests: the anvil binary the build installs from npm, on a free
 * loopback port, with its own temporary home so no two runs share state. Its accounts are anvil's
 * well-known development keys (from the mnemonic "test test … junk"), worthless outside it.
 */
public final class LocalChain implements AutoCloseable {
  public static final long CHAIN_ID = 31337;

  /** anvil's development account 0: deploys the contract, so it is the operator. */
  public static final String OPERATOR_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  /** anvil's development account 1: funded, but not the operator. */
  public static final String OTHER_KEY =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");

  private final Process process;
  private final Path home;
  private final String rpcUrl;

  private LocalChain(Process process, Path home, String rpcUrl) {
    this.process = process;
    this.home = home;
    this.rpcUrl = rpcUrl;
  }

  /** Starts anvil and returns once it answers {@code eth_chainId}. */
  public static LocalChain start() throws IOException, InterruptedException {
    Path anvil = binary();
    Path home = Files.createTempDirectory("anvil-");
    ProcessBuilder pb =
        new ProcessBuilder(
                anvil.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--chain-id",
                Long.toString(CHAIN_ID),
                "--accounts",
                "2")
            .directory(home.toFile())
            .redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    url.complete("http://" + m.group(1) + ":" + m.group(2));
                  }
                }
              } catch (IOException e) {
                url.completeExceptionally(e);
              }
              url.completeExceptionally(new IOException("anvil exited before it listened"));
            },
            "anvil-output");
    reader.setDaemon(true);
    reader.start();
    LocalChain chain;
    try {
      chain = new LocalChain(p, home, url.get(60, TimeUnit.SECONDS));
      chain.awaitChainId(Instant.now().plusSeconds(60));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException("anvil did not start: " + e.getMessage(), e);
    }
    return chain;
  }

  /** The anvil binary: from -Danvil.bin (set by the build), else beside this module. */
  static Path binary() {
    String prop = System.getProperty("anvil.bin");
    Path relative = Path.of("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
    for (Path p :
        new Path[] {
          prop == null ? null : Path.of(prop),
          Path.of("").toAbsolutePath().resolve(relative),
          Path.of("").toAbsolutePath().resolveSibling("contracts").resolve(relative)
        }) {
      if (p != null && Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "anvil is not installed: the contracts module's build installs it (mvn verify runs npm ci)");
  }

  private void awaitChainId(Instant deadline) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(rpcUrl))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
            .build();
    while (true) {
      try {
        String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        if (body.contains("\"result\":\"0x7a69\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        throw new IOException("anvil at " + rpcUrl + " does not answer eth_chainId");
      }
      Thread.sleep(50);
    }
  }

  public String rpcUrl() {
    return rpcUrl;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
