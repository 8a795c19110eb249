package dev.swarmledger.node;

import dev.swarmledger.node.http.EventHub;
import dev.swarmledger.node.http.EventJson;
import dev.swarmledger.node.http.HttpServer;
import dev.swarmledger.node.http.LogApi;
import dev.swarmledger.node.http.Routes;
import dev.swarmledger.node.http.SwarmApi;
import dev.swarmledger.node.log.Appended;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.log.Sequencer;
import dev.swarmledger.node.storage.InMemoryKeyValueStore;
import dev.swarmledger.node.storage.KeyValueStore;
import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * A running ledger node: storage, the log and its state, the sequencer and the HTTP API, wired
 * together. On first start it writes the genesis leaf signed by the operator key.
 */
public final class LedgerNode implements AutoCloseable {
  private final KeyValueStore kv;
  private final LedgerLog log;
  private final Sequencer sequencer;
  private final EventHub events;
  private final HttpServer server;
  private final String host;

  private LedgerNode(
      KeyValueStore kv,
      LedgerLog log,
      Sequencer sequencer,
      EventHub events,
      HttpServer server,
      String host) {
    this.kv = kv;
    this.log = log;
    this.sequencer = sequencer;
    this.events = events;
    this.server = server;
    this.host = host;
  }

  public static LedgerNode start(NodeConfig config) {
    KeyValueStore kv =
        config.dataDir().isPresent()
            ? RocksDbKeyValueStore.open(config.dataDir().get().resolve("ledger"))
            : new InMemoryKeyValueStore();
    return start(config, kv, batch -> {});
  }

  /**
   * Starts a node over {@code kv} (which it then owns and closes); {@code observer} hears of every
   * durable batch on the sequencer thread, in log order (benchmarks count group commits with it).
   */
  public static LedgerNode start(
      NodeConfig config, KeyValueStore kv, Consumer<List<Appended>> observer) {
    try {
      LogStore store = new LogStore(kv);
      CheckpointSigner signer = new CheckpointSigner(config.origin(), config.operatorKey());
      LedgerLog log = LedgerLog.open(store, signer, config.clock());
      if (log.size() == 0) {
        Genesis g =
            new Genesis(
                config.operatorKey().publicKey(),
                config.origin(),
                config.policy(),
                DefaultTracks.all());
        Tx genesis = TxCodec.sign(config.operatorKey(), 0, g);
        LedgerLog.Outcome o = log.append(List.of(genesis)).get(0);
        if (o.rejection().isPresent()) {
          throw new IllegalStateException("genesis refused: " + o.rejection().get().getMessage());
        }
      }
      EventHub events = new EventHub();
      Sequencer sequencer =
          new Sequencer(
              log,
              config.maxBatch(),
              config.maxQueue(),
              batch -> {
                observer.accept(batch);
                if (events.subscriberCount() > 0) {
                  events.publish(EventJson.of(batch));
                }
              });
      Routes routes = new Routes();
      new LogApi(log, sequencer).register(routes);
      new SwarmApi(log, events::subscriberCount).register(routes);
      HttpServer server =
          HttpServer.start(
              new InetSocketAddress(config.host(), config.port()),
              routes,
              events,
              config.maxBodyBytes());
      return new LedgerNode(kv, log, sequencer, events, server, config.host());
    } catch (RuntimeException e) {
      kv.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  public NoteVerifierKey verifierKey() {
    return log.signer().verifierKey();
  }

  public LedgerLog log() {
    return log;
  }

  public Sequencer sequencer() {
    return sequencer;
  }

  @Override
  public void close() {
    server.close();
    sequencer.close();
    events.close();
    kv.close();
  }
}
