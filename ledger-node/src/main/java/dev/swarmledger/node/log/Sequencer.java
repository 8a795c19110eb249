package dev.swarmledger.node.log;

import dev.swarmledger.protocol.ErrorCode;
import dev.swarmledger.protocol.Rejection;
import dev.swarmledger.protocol.tx.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The single writer of the log. Submissions queue up while the previous batch is being fsync'd and
 * are then appended together: group commit, so many transactions share one durable write. A
 * submission's future completes only after its leaf is durable (or with the {@link Rejection} that
 * refused it).
 */
public final class Sequencer implements AutoCloseable {
  private record Pending(Tx tx, CompletableFuture<Appended> done) {}

  private final LedgerLog log;
  private final int maxBatch;
  private final Consumer<List<Appended>> listener;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param maxQueue submissions waiting beyond this are refused as rate-limited
   * @param listener told of every durable batch, on the sequencer thread, in log order
   */
  public Sequencer(LedgerLog log, int maxBatch, int maxQueue, Consumer<List<Appended>> listener) {
    this.log = log;
    this.maxBatch = maxBatch;
    this.listener = listener;
    this.queue = new LinkedBlockingQueue<>(maxQueue);
    this.thread = new Thread(this::loop, "sequencer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues {@code tx}; the future completes once its leaf is durable. */
  public CompletableFuture<Appended> submit(Tx tx) {
    CompletableFuture<Appended> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new Rejection(ErrorCode.UNAVAILABLE, "the node is shutting down"));
    } else if (!queue.offer(new Pending(tx, done))) {
      done.completeExceptionally(
          new Rejection(ErrorCode.RATE_LIMITED, "too many transactions waiting; retry shortly"));
    }
    return done;
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending> batch) {
    List<Tx> txs = new ArrayList<>(batch.size());
    batch.forEach(p -> txs.add(p.tx()));
    List<LedgerLog.Outcome> outcomes;
    try {
      outcomes = log.append(txs);
    } catch (RuntimeException e) {
      Rejection r =
          e instanceof Rejection rej ? rej : new Rejection(ErrorCode.INTERNAL, "internal error");
      batch.forEach(p -> p.done().completeExceptionally(r));
      return;
    }
    List<Appended> appended = new ArrayList<>();
    for (LedgerLog.Outcome o : outcomes) {
      o.appended().ifPresent(appended::add);
    }
    // Events go out before the acks, so a client holding its ack knows its event was published.
    if (!appended.isEmpty()) {
      try {
        listener.accept(appended);
      } catch (RuntimeException e) {
        // a failing listener (an event subscriber) must never stop the log
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      LedgerLog.Outcome o = outcomes.get(i);
      CompletableFuture<Appended> done = batch.get(i).done();
      if (o.appended().isPresent()) {
        done.complete(o.appended().get());
      } else {
        done.completeExceptionally(o.rejection().orElseThrow());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
