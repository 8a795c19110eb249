package dev.swarmledger.cli;

import dev.swarmledger.client.KeyFiles;
import dev.swarmledger.node.witness.WitnessServer;
import dev.swarmledger.protocol.checkpoint.CosignatureSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm witness}: a C2SP tlog-witness that cosigns the logs it follows. */
@Command(
    name = "witness",
    description =
        "Run a transparency-log witness (C2SP tlog-witness): cosign each log's checkpoints only"
            + " if they are consistent with the last one cosigned.")
final class WitnessCommand implements Callable<Integer> {
  @Option(
      names = "--key",
      required = true,
      description = "Witness key file (created if missing; keep it: it is the witness's identity).")
  Path key;

  @Option(
      names = "--name",
      description = "Witness name in its cosignatures (default: swarm-witness/<key prefix>).")
  String name;

  @Option(
      names = "--log",
      description =
          "A log to follow, ORIGIN=VKEY (the log's verifier key; repeat for several logs or"
              + " keys).")
  List<String> logs = new ArrayList<>();

  @Option(names = "--data", description = "Folder where the witness keeps what it cosigned.")
  Path data;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8090",
      description = "host:port to serve (default ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--show-key",
      description = "Print the witness verifier key (to give to logs and auditors) and exit.")
  boolean showKey;

  @Override
  public Integer call() throws InterruptedException {
    SigningKey k = KeyFiles.readOrCreate(key);
    String witnessName =
        name != null ? name : "swarm-witness/" + k.publicKey().hex().substring(0, 16);
    CosignatureSigner signer = new CosignatureSigner(witnessName, k);
    if (showKey) {
      System.out.println(signer.key().encode());
      return 0;
    }
    if (data == null || logs.isEmpty()) {
      System.err.println("swarm witness: give --data DIR and at least one --log ORIGIN=VKEY");
      return ExitCodes.USAGE;
    }
    NodeCommand.HostPort hp = NodeCommand.HostPort.parse(listen);
    WitnessServer server =
        WitnessServer.start(data, hp.host(), hp.port(), signer, parseLogs(logs), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println("witness listening on " + server.url());
    System.out.println("witness verifier key " + signer.key().encode());
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** {@code ORIGIN=VKEY} pairs; the vkey may contain '=' (base64 padding), the origin may not. */
  static Map<String, List<NoteVerifierKey>> parseLogs(List<String> specs) {
    Map<String, List<NoteVerifierKey>> logs = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--log must be ORIGIN=VKEY, got " + spec);
      }
      logs.computeIfAbsent(spec.substring(0, eq), o -> new ArrayList<>())
          .add(NoteVerifierKey.parse(spec.substring(eq + 1)));
    }
    return logs;
  }
}
