package dev.swarmledger.node.mirror;

import dev.swarmledger.node.blobs.BlobUploader;
import dev.swarmledger.node.http.BlobApi;
import dev.swarmledger.node.http.EventHub;
import dev.swarmledger.node.http.EventJson;
import dev.swarmledger.node.http.HttpServer;
import dev.swarmledger.node.http.LogApi;
import dev.swarmledger.node.http.Routes;
import dev.swarmledger.node.http.SwarmApi;
import dev.swarmledger.node.http.TileApi;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.snapshot.SnapshotPolicy;
import dev.swarmledger.node.snapshot.SnapshotStore;
import dev.swarmledger.node.snapshot.Snapshotter;
import dev.swarmledger.node.storage.InMemoryBlobStore;
import dev.swarmledger.node.storage.InMemoryKeyValueStore;
import dev.swarmledger.node.storage.KeyValueStore;
import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import dev.swarmledger.protocol.checkpoint.NoteSigner;
import dev.swarmledger.protocol.checkpoint.NoteVerifierKey;
import dev.swarmledger.protocol.crypto.SigningKey;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A read mirror: a node without a sequencer. It follows another node's log ({@link
 * MirrorFollower}), stores the verified leaves durably in the same {@code LogStore} a node uses,
 * and serves the same read API (tlog-tiles included) from its own state through the same handlers;
 * {@code POST /v1/tx} answers {@code read_only_mirror}. It restarts from its own state snapshots
 * (signed by a key of its own) when given one. Blobs are not mirrored.
 */
public final class MirrorNode implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(MirrorNode.class.getName());

  /**
   * How to run a mirror.
   *
   * @param dataDir where RocksDB keeps the mirrored log; empty keeps it in memory (tests)
   * @param logKey the followed log's checkpoint key, pinned: anything it did not sign is refused
   * @param upstream the followed node's URL, named in the answer to {@code POST /v1/tx}
   * @param snapshotKey the mirror's own key, which signs its state snapshots (under {@code
   *     dataDir/snapshots}, by {@code snapshots}); empty writes none
   */
  public record Config(
      Optional<Path> dataDir,
      String host,
      int port,
      NoteVerifierKey logKey,
      String upstream,
      Duration poll,
      int maxBodyBytes,
      Optional<SigningKey> snapshotKey,
      SnapshotPolicy snapshots) {

    /** A mirror that writes no snapshots. */
    public Config(
        Optional<Path> dataDir,
        String host,
        int port,
        NoteVerifierKey logKey,
        String upstream,
        Duration poll,
        int maxBodyBytes) {
      this(
          dataDir,
          host,
          port,
          logKey,
          upstream,
          poll,
          maxBodyBytes,
          Optional.empty(),
          SnapshotPolicy.disabled());
    }
  }

  private final KeyValueStore kv;
  private final LedgerLog log;
  private final MirrorFollower follower;
  private final Optional<Snapshotter> snapshotter;
  private final EventHub events;
  private final HttpServer server;
  private final ScheduledExecutorService poller;
  private final String host;

  private MirrorNode(
      KeyValueStore kv,
      LedgerLog log,
      MirrorFollower follower,
      Optional<Snapshotter> snapshotter,
      EventHub events,
      HttpServer server,
      ScheduledExecutorService poller,
      String host) {
    this.kv = kv;
    this.log = log;
    this.follower = follower;
    this.snapshotter = snapshotter;
    this.events = events;
    this.server = server;
    this.poller = poller;
    this.host = host;
  }

  /**
   * Opens the stored mirror (replaying what it verified before), serves it and starts following.
   */
  public static MirrorNode start(Config config, LogSource source) {
    KeyValueStore kv =
        config.dataDir().isPresent()
            ? RocksDbKeyValueStore.open(config.dataDir().get().resolve("ledger"))
            : new InMemoryKeyValueStore();
    try {
      // A mirror's snapshots are its own, signed by its own key: it never holds the node's.
      Optional<SnapshotStore> store =
          config
              .dataDir()
              .flatMap(
                  d ->
                      config
                          .snapshotKey()
                          .map(
                              k ->
                                  new SnapshotStore(
                                      d.resolve("snapshots"),
                                      config.logKey().name(),
                                      new NoteSigner(config.logKey().name(), k))));
      LedgerLog log =
          LedgerLog.openFollower(
              new LogStore(kv),
              config.logKey(),
              Clock.systemUTC(),
              store.map(SnapshotStore::startingState).orElse(LedgerLog.StartingState.NONE));
      Optional<Snapshotter> snapshotter =
          store
              .filter(x -> config.snapshots().enabled())
              .map(x -> new Snapshotter(log, x, config.snapshots(), Clock.systemUTC()));
      EventHub events = new EventHub();
      MirrorFollower follower =
          new MirrorFollower(
              log,
              source,
              batch -> {
                if (!batch.isEmpty() && events.subscriberCount() > 0) {
                  events.publish(EventJson.of(batch));
                }
                snapshotter.ifPresent(sn -> sn.appended(log.size()));
              });
      Routes routes = new Routes();
      LogApi.readOnly(log, config.upstream()).register(routes);
      new SwarmApi(log, events::subscriberCount).register(routes);
      new TileApi(log, log::checkpoint).register(routes);
      InMemoryBlobStore noBlobs = new InMemoryBlobStore(0);
      BlobApi blobs = new BlobApi(noBlobs, new BlobUploader(noBlobs, hash -> java.util.Set.of()));
      HttpServer server =
          HttpServer.start(
              new InetSocketAddress(config.host(), config.port()),
              routes,
              blobs,
              events,
              config.maxBodyBytes());
      ScheduledExecutorService poller =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "mirror-follower");
                t.setDaemon(true);
                return t;
              });
      MirrorNode mirror =
          new MirrorNode(kv, log, follower, snapshotter, events, server, poller, config.host());
      poller.scheduleWithFixedDelay(
          mirror::pollQuietly, 0, config.poll().toMillis(), TimeUnit.MILLISECONDS);
      return mirror;
    } catch (RuntimeException e) {
      kv.close();
      throw e;
    }
  }

  private volatile boolean paused;

  /** Stops (or resumes) polling between rounds; for tests that change the log under it. */
  public void pause(boolean p) {
    synchronized (this) {
      paused = p;
    }
  }

  private synchronized void pollQuietly() {
    if (paused || follower.refused().isPresent()) {
      return;
    }
    try {
      follower.poll();
    } catch (LedgerLog.FollowRefused e) {
      // kept in follower.refused(); the mirror serves what it verified
    } catch (RuntimeException e) {
      LOG.warning("mirror could not reach the node, retrying: " + e.getMessage());
    }
  }

  /** Why the mirror stopped following, if it did. */
  public Optional<String> refused() {
    return follower.refused();
  }

  public LedgerLog log() {
    return log;
  }

  /** The mirror's snapshot writer, when it keeps snapshots. */
  public Optional<Snapshotter> snapshotter() {
    return snapshotter;
  }

  public int port() {
    return server.port();
  }

  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
    snapshotter.ifPresent(Snapshotter::close);
    events.close();
    kv.close();
  }
}
