package dev.swarmledger.node;

import dev.swarmledger.node.blobs.BlobUploader;
import dev.swarmledger.node.blobs.BlobUploads;
import dev.swarmledger.node.blobs.LoggedBlobUploads;
import dev.swarmledger.node.http.BlobApi;
import dev.swarmledger.node.http.EventHub;
import dev.swarmledger.node.http.EventJson;
import dev.swarmledger.node.http.HttpServer;
import dev.swarmledger.node.http.LogApi;
import dev.swarmledger.node.http.Routes;
import dev.swarmledger.node.http.SwarmApi;
import dev.swarmledger.node.http.TileApi;
import dev.swarmledger.node.log.Appended;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.log.Sequencer;
import dev.swarmledger.node.snapshot.SnapshotStore;
import dev.swarmledger.node.snapshot.Snapshotter;
import dev.swarmledger.node.storage.BlobStore;
import dev.swarmledger.node.storage.DiskBlobStore;
import dev.swarmledger.node.storage.InMemoryBlobStore;
import dev.swarmledger.node.storage.InMemoryKeyValueStore;
import dev.swarmledger.node.storage.KeyValueStore;
import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import dev.swarmledger.node.witness.CheckpointWitnessing;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.checkpoint.NoteSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.genesis.Genesis;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A running ledger node: storage, the log and its state, the sequencer and the HTTP API, wired
 * together. On first start it writes the genesis leaf signed by the operator key.
 */
public final class LedgerNode implements AutoCloseable {
  /** How long one witness request may take before the round goes on without it. */
  private static final Duration WITNESS_TIMEOUT = Duration.ofSeconds(10);

  private final KeyValueStore kv;
  private final BlobStore blobs;
  private final LedgerLog log;
  private final Sequencer sequencer;
  private final Optional<Snapshotter> snapshotter;
  private final EventHub events;
  private final HttpServer server;
  private final String host;
  private final Optional<CheckpointWitnessing> witnessing;

  private LedgerNode(
      KeyValueStore kv,
      BlobStore blobs,
      LedgerLog log,
      Sequencer sequencer,
      Optional<Snapshotter> snapshotter,
      EventHub events,
      HttpServer server,
      String host,
      Optional<CheckpointWitnessing> witnessing) {
    this.kv = kv;
    this.blobs = blobs;
    this.log = log;
    this.sequencer = sequencer;
    this.snapshotter = snapshotter;
    this.events = events;
    this.server = server;
    this.host = host;
    this.witnessing = witnessing;
  }

  public static LedgerNode start(NodeConfig config) {
    KeyValueStore kv = openKeyValueStore(config);
    return start(config, kv, batch -> {}, LoggedBlobUploads::new);
  }

  /**
   * Starts a node over {@code kv} (which it then owns and closes); {@code observer} hears of every
   * durable batch on the sequencer thread, in log order (benchmarks count group commits with it).
   */
  public static LedgerNode start(
      NodeConfig config, KeyValueStore kv, Consumer<List<Appended>> observer) {
    return start(config, kv, observer, LoggedBlobUploads::new);
  }

  private static KeyValueStore openKeyValueStore(NodeConfig config) {
    return config.dataDir().isPresent()
        ? RocksDbKeyValueStore.open(config.dataDir().get().resolve("ledger"))
        : new InMemoryKeyValueStore();
  }

  private static BlobStore openBlobStore(NodeConfig config) {
    return config.dataDir().isPresent()
        ? DiskBlobStore.open(config.dataDir().get().resolve("blobs"), config.maxBlobBytes())
        : new InMemoryBlobStore(config.maxBlobBytes());
  }

  private static LedgerNode start(
      NodeConfig config,
      KeyValueStore kv,
      Consumer<List<Appended>> observer,
      Function<LedgerLog, BlobUploads> uploads) {
    BlobStore blobs = null;
    try {
      blobs = openBlobStore(config);
      LogStore store = new LogStore(kv);
      CheckpointSigner signer = new CheckpointSigner(config.origin(), config.operatorKey());
      // Snapshots live beside the RocksDB folder; a node in memory has none to write or read.
      Optional<SnapshotStore> snapshots =
          config
              .dataDir()
              .map(
                  d ->
                      new SnapshotStore(
                          d.resolve("snapshots"),
                          config.origin(),
                          new NoteSigner(config.origin(), config.operatorKey())));
      LedgerLog log =
          LedgerLog.open(
              store,
              signer,
              config.clock(),
              snapshots.map(SnapshotStore::startingState).orElse(LedgerLog.StartingState.NONE));
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
      Optional<CheckpointWitnessing> witnessing =
          config.witnesses().isEmpty()
              ? Optional.empty()
              : Optional.of(new CheckpointWitnessing(log, config.witnesses(), WITNESS_TIMEOUT));
      Supplier<String> checkpoint =
          witnessing.<Supplier<String>>map(w -> w::published).orElse(log::checkpoint);
      Optional<Snapshotter> snapshotter =
          snapshots
              .filter(x -> config.snapshots().enabled())
              .map(x -> new Snapshotter(log, x, config.snapshots(), config.clock()));
      Sequencer sequencer =
          new Sequencer(
              log,
              config.maxBatch(),
              config.maxQueue(),
              batch -> {
                observer.accept(batch);
                witnessing.ifPresent(CheckpointWitnessing::signal);
                snapshotter.ifPresent(
                    sn -> sn.appended(batch.get(batch.size() - 1).leaf().index() + 1));
                if (events.subscriberCount() > 0) {
                  events.publish(EventJson.of(batch));
                }
              });
      Routes routes = new Routes();
      new LogApi(log, sequencer, checkpoint).register(routes);
      new TileApi(log, checkpoint).register(routes);
      new SwarmApi(log, events::subscriberCount).register(routes);
      BlobApi blobApi = new BlobApi(blobs, new BlobUploader(blobs, uploads.apply(log)));
      HttpServer server =
          HttpServer.start(
              new InetSocketAddress(config.host(), config.port()),
              routes,
              blobApi,
              events,
              config.maxBodyBytes());
      return new LedgerNode(
          kv, blobs, log, sequencer, snapshotter, events, server, config.host(), witnessing);
    } catch (RuntimeException e) {
      if (blobs != null) {
        blobs.close();
      }
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

  /** The snapshot writer, when this node keeps its data on disk with snapshots on. */
  public Optional<Snapshotter> snapshotter() {
    return snapshotter;
  }

  @Override
  public void close() {
    server.close();
    sequencer.close();
    witnessing.ifPresent(CheckpointWitnessing::close);
    snapshotter.ifPresent(Snapshotter::close);
    events.close();
    blobs.close();
    kv.close();
  }

  /** The node's blob store (on disk under the data folder, else in memory). */
  public BlobStore blobs() {
    return blobs;
  }
}
