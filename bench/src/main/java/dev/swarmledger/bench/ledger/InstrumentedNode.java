package dev.swarmledger.bench.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swarmledger.node.NodeConfig;
import dev.swarmledger.node.http.ApiResponse;
import dev.swarmledger.node.http.EventHub;
import dev.swarmledger.node.http.HttpServer;
import dev.swarmledger.node.http.LogApi;
import dev.swarmledger.node.http.Routes;
import dev.swarmledger.node.log.Appended;
import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.node.log.Sequencer;
import dev.swarmledger.node.storage.LogStore;
import dev.swarmledger.node.storage.RocksDbKeyValueStore;
import dev.swarmledger.protocol.checkpoint.CheckpointSigner;
import dev.swarmledger.protocol.state.StateEvent;
import dev.swarmledger.protocol.tx.Genesis;
import dev.swarmledger.protocol.tx.LeafCodec;
import dev.swarmledger.protocol.tx.Tx;
import dev.swarmledger.protocol.tx.TxCodec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ledger node wired exactly as {@code LedgerNode.start} wires it (RocksDB, LogStore, LedgerLog,
 * Sequencer with the event listener, LogApi on the Netty server), except that the engine is
 * wrapped in a {@link CountingKeyValueStore} and the sequencer's listener also counts the batches
 * it is told of. LedgerNode offers no hook for either; the harness checks in the same run that this
 * wiring appends as fast as {@code LedgerNode.start} (see {@link AppendBench}).
 */
final class InstrumentedNode implements AutoCloseable {
  private final CountingKeyValueStore kv;
  private final LedgerLog log;
  private final Sequencer sequencer;
  private final EventHub events;
  private final HttpServer server;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong leafBytes = new AtomicLong();
  private final List<Integer> batchSizes = new ArrayList<>();

  private InstrumentedNode(
      CountingKeyValueStore kv, LedgerLog log, EventHub events, Routes routes, NodeConfig config) {
    this.kv = kv;
    this.log = log;
    this.events = events;
    this.sequencer =
        new Sequencer(
            log,
            config.maxBatch(),
            config.maxQueue(),
            batch -> {
              batches.incrementAndGet();
              appended.addAndGet(batch.size());
              long bytes = 0;
              for (Appended a : batch) {
                bytes += a.leafBytes().length;
              }
              leafBytes.addAndGet(bytes);
              if (kv.isRecording()) {
                synchronized (batchSizes) {
                  batchSizes.add(batch.size());
                }
              }
              events.publish(toEvents(batch));
            });
    new LogApi(log, sequencer).register(routes);
    this.server =
        HttpServer.start(
            new InetSocketAddress(config.host(), config.port()), routes, events, config.maxBodyBytes());
  }

  /** Opens (replaying what is stored) or creates the log in {@code config.dataDir()}. */
  static InstrumentedNode start(NodeConfig config) {
    Path dir = config.dataDir().orElseThrow().resolve("ledger");
    CountingKeyValueStore kv = new CountingKeyValueStore(RocksDbKeyValueStore.open(dir));
    try {
      LogStore store = new LogStore(kv);
      CheckpointSigner signer = new CheckpointSigner(config.origin(), config.operatorKey());
      LedgerLog log = LedgerLog.open(store, signer, config.clock());
      if (log.size() == 0) {
        Genesis g = new Genesis(config.operatorKey().publicKey(), config.origin(), config.policy());
        Tx genesis = TxCodec.sign(config.operatorKey(), 0, g);
        if (log.append(List.of(genesis)).get(0).rejection().isPresent()) {
          throw new IllegalStateException("genesis refused");
        }
      }
      return new InstrumentedNode(kv, log, new EventHub(), new Routes(), config);
    } catch (RuntimeException e) {
      kv.close();
      throw e;
    }
  }

  /** A copy of {@code LedgerNode.toEvents} (package-private there): the same work per batch. */
  private static List<EventHub.Event> toEvents(List<Appended> batch) {
    List<EventHub.Event> out = new ArrayList<>();
    for (Appended a : batch) {
      ObjectNode leaf = ApiResponse.JSON.createObjectNode();
      leaf.put("index", a.index());
      leaf.put("leaf_hash", a.leafHash().hex());
      leaf.put("time", LeafCodec.formatTime(a.leaf().time()));
      leaf.put("type", a.leaf().tx().type().wireName());
      leaf.put("account", a.leaf().tx().account().hex());
      out.add(new EventHub.Event(a.index(), "leaf", leaf));
      for (StateEvent e : a.events()) {
        ObjectNode data = ApiResponse.JSON.createObjectNode();
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
          data.putPOJO(f.getKey(), f.getValue());
        }
        out.add(new EventHub.Event(e.index(), e.kind(), data));
      }
    }
    return out;
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  Sequencer sequencer() {
    return sequencer;
  }

  LedgerLog log() {
    return log;
  }

  CountingKeyValueStore store() {
    return kv;
  }

  /** Durable batches the sequencer reported (group commits), leaves in them, and their bytes. */
  Counts counts() {
    return new Counts(batches.get(), appended.get(), leafBytes.get(), kv.syncedWrites(), kv.syncedWriteNanos());
  }

  /** Sizes of the batches the sequencer made while the store was recording, in order. */
  List<Integer> recordedBatchSizes() {
    synchronized (batchSizes) {
      return List.copyOf(batchSizes);
    }
  }

  record Counts(long batches, long leaves, long leafBytes, long syncedWrites, long syncedWriteNanos) {
    Counts minus(Counts o) {
      return new Counts(
          batches - o.batches,
          leaves - o.leaves,
          leafBytes - o.leafBytes,
          syncedWrites - o.syncedWrites,
          syncedWriteNanos - o.syncedWriteNanos);
    }
  }

  @Override
  public void close() {
    server.close();
    sequencer.close();
    events.close();
    kv.close();
  }
}
