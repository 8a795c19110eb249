package dev.swarmledger.node.witness;

import dev.swarmledger.protocol.checkpoint.CosignatureSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A witness in its own JVM, for crash tests: {@code ChildWitnessMain <data dir> <seed hex> <log
 * vkey>} prints {@code LISTENING <url>} and runs until stdin closes or it is killed.
 */
public final class ChildWitnessMain {
  public static final String READY = "LISTENING ";

  private ChildWitnessMain() {}

  public static void main(String[] args) throws IOException {
    NoteVerifierKey log = NoteVerifierKey.parse(args[2]);
    WitnessServer w =
        WitnessServer.start(
            Path.of(args[0]),
            "127.0.0.1",
            0,
            new CosignatureSigner(
                "witness.test/child", SigningKey.fromSeed(HexFormat.of().parseHex(args[1]))),
            Map.of(log.name(), List.of(log)),
            Clock.systemUTC());
    System.out.println(READY + w.url());
    System.out.flush();
    InputStream in = System.in;
    while (in.read() != -1) {
      // wait for the parent to close stdin
    }
    w.close();
  }
}
