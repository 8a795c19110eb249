package dev.swarmledger.node.witness;

import dev.swarmledger.node.http.HttpServer;
import dev.swarmledger.node.http.Routes;
import dev.swarmledger.protocol.checkpoint.CosignatureSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A running witness: its state folder and its HTTP endpoints (see {@link WitnessApi}). */
public final class WitnessServer implements AutoCloseable {
  /** Requests are a checkpoint and at most 63 hashes: 64 KiB is plenty. */
  static final int MAX_BODY = 64 * 1024;

  private final Witness witness;
  private final HttpServer server;
  private final String host;

  private WitnessServer(Witness witness, HttpServer server, String host) {
    this.witness = witness;
    this.server = server;
    this.host = host;
  }

  /**
   * Serves a witness on {@code host:port} (port 0 picks one) that keeps its state under {@code
   * dataDir} and follows {@code logs} (origin to trusted log keys).
   */
  public static WitnessServer start(
      Path dataDir,
      String host,
      int port,
      CosignatureSigner signer,
      Map<String, List<NoteVerifierKey>> logs,
      Clock clock) {
    Witness witness = new Witness(signer, logs, WitnessStore.open(dataDir), clock);
    Routes routes = new Routes();
    new WitnessApi(witness).register(routes);
    HttpServer server = HttpServer.start(new InetSocketAddress(host, port), routes, MAX_BODY);
    return new WitnessServer(witness, server, host);
  }

  public int port() {
    return server.port();
  }

  /** The submission prefix a log is configured with, e.g. {@code http://host:port/v1/witness}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port() + WitnessApi.PREFIX;
  }

  public Witness witness() {
    return witness;
  }

  @Override
  public void close() {
    server.close();
  }
}
