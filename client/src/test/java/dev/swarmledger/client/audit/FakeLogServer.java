package dev.swarmledger.client.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.merkle.MemoryTreeNodes;
import dev.swarmledger.protocol.merkle.MerkleHash;
import dev.swarmledger.protocol.merkle.MerkleProofs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A stand-in node for auditor tests (JDK HTTP server on port 0): serves a log whose leaves, tree,
 * checkpoint and proofs the test controls, so it can lie in exactly one way at a time.
 */
final class FakeLogServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a
    // request. Read once when the server classes load, so it is set before the first one.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private volatile List<byte[]> servedLeaves;
  private volatile MemoryTreeNodes tree;
  private volatile String checkpoint;
  private volatile UnaryOperator<List<Hash>> inclusionTamper = UnaryOperator.identity();
  private volatile int pageSize = 1000;

  FakeLogServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/log/checkpoint", ex -> reply(ex, 200, "text/plain", checkpoint));
    server.createContext("/v1/log/entries", this::entries);
    server.createContext("/v1/log/proof/inclusion", this::inclusion);
    server.createContext("/v1/log/proof/consistency", this::consistency);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Serves {@code served} as the entries, while the tree, proofs and the checkpoint signed by
   * {@code signer} are over {@code signed} (the same list for an honest log).
   */
  void publish(List<byte[]> signed, List<byte[]> served, CheckpointSigner signer) {
    MemoryTreeNodes t = new MemoryTreeNodes();
    signed.forEach(l -> t.append(MerkleHash.leaf(l)));
    tree = t;
    servedLeaves = new ArrayList<>(served);
    checkpoint = signer.sign(signed.size(), signed.isEmpty() ? MerkleHash.empty() : t.root());
  }

  void tamperInclusionProofs(UnaryOperator<List<Hash>> tamper) {
    inclusionTamper = tamper;
  }

  void pageSize(int n) {
    pageSize = n;
  }

  private void entries(HttpExchange ex) throws IOException {
    Map<String, Long> q = query(ex);
    long start = q.get("start");
    long end = Math.min(Math.min(q.get("end"), servedLeaves.size()), start + pageSize);
    ObjectNode o = JSON.createObjectNode();
    ArrayNode arr = o.putArray("entries");
    for (long i = start; i < end; i++) {
      arr.addObject()
          .put("index", i)
          .put("leaf", Base64.getEncoder().encodeToString(servedLeaves.get((int) i)));
    }
    reply(ex, 200, "application/json", o.toString());
  }

  private void inclusion(HttpExchange ex) throws IOException {
    Map<String, Long> q = query(ex);
    List<Hash> path =
        inclusionTamper.apply(MerkleProofs.inclusion(tree, q.get("index"), q.get("size")));
    ObjectNode o = JSON.createObjectNode().put("index", q.get("index")).put("size", q.get("size"));
    ArrayNode a = o.putArray("path");
    path.forEach(h -> a.add(h.base64()));
    reply(ex, 200, "application/json", o.toString());
  }

  private void consistency(HttpExchange ex) throws IOException {
    Map<String, Long> q = query(ex);
    List<Hash> path = MerkleProofs.consistency(tree, q.get("from"), q.get("to"));
    ObjectNode o = JSON.createObjectNode().put("from", q.get("from")).put("to", q.get("to"));
    ArrayNode a = o.putArray("path");
    path.forEach(h -> a.add(h.base64()));
    reply(ex, 200, "application/json", o.toString());
  }

  private static Map<String, Long> query(HttpExchange ex) {
    Map<String, Long> out = new HashMap<>();
    for (String kv : ex.getRequestURI().getQuery().split("&")) {
      String[] p = kv.split("=", 2);
      out.put(p[0], Long.parseLong(p[1]));
    }
    return out;
  }

  private static void reply(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
