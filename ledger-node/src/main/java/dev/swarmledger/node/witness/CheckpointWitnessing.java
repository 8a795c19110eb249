package dev.swarmledger.node.witness;

import dev.swarmledger.node.log.LedgerLog;
import dev.swarmledger.protocol.checkpoint.Checkpoint;
import dev.swarmledger.protocol.checkpoint.SignedNote;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.witness.AddCheckpointRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's side of witnessing: after each new checkpoint, submits it to every configured witness
 * with a consistency proof from the size that witness last cosigned (learning that size from a 409
 * when it does not know it), and then publishes the checkpoint with the cosignatures it got. Until
 * a round ends, the previously published checkpoint is served, so clients that require a quorum see
 * cosigned checkpoints; a witness that fails only leaves its cosignature out.
 */
public final class CheckpointWitnessing implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CheckpointWitnessing.class.getName());

  /** A 409 teaches the size; one more try with it, and one spare for a racing log. */
  private static final int ATTEMPTS = 3;

  /** One witness and the size it is known to hold (0 until learned). */
  private static final class Known {
    final WitnessEndpoint endpoint;
    long size;

    Known(WitnessEndpoint endpoint) {
      this.endpoint = endpoint;
    }
  }

  private final LedgerLog log;
  private final List<Known> witnesses = new ArrayList<>();
  private final HttpClient http;
  private final Duration timeout;
  private final Thread thread;
  private final Object signal = new Object();
  private boolean pending = true;
  private volatile boolean running = true;
  private volatile String published;

  public CheckpointWitnessing(LedgerLog log, List<WitnessEndpoint> endpoints, Duration timeout) {
    this.log = log;
    endpoints.forEach(e -> witnesses.add(new Known(e)));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.published = log.checkpoint();
    this.thread = new Thread(this::loop, "witnessing");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The checkpoint note to serve: the latest witnessed one with its cosignature lines. */
  public String published() {
    return published;
  }

  /** Tells the witnessing thread a new checkpoint was signed (cheap; rounds coalesce). */
  public void signal() {
    synchronized (signal) {
      pending = true;
      signal.notifyAll();
    }
  }

  private void loop() {
    String witnessed = null;
    while (running) {
      synchronized (signal) {
        while (running && !pending) {
          try {
            signal.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        pending = false;
      }
      String note = log.checkpoint();
      if (!running || note.equals(witnessed)) {
        continue;
      }
      try {
        published = round(note);
        witnessed = note;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "witnessing round failed", e);
        published = note;
      }
    }
  }

  /** Submits {@code note} to every witness at once; the note plus the cosignatures gathered. */
  private String round(String note) {
    Checkpoint checkpoint = Checkpoint.parseBody(SignedNote.parse(note).text());
    List<CompletableFuture<Optional<String>>> answers = new ArrayList<>();
    for (Known w : witnesses) {
      answers.add(CompletableFuture.supplyAsync(() -> submit(w, note, checkpoint)));
    }
    StringBuilder cosigned = new StringBuilder(note);
    for (CompletableFuture<Optional<String>> a : answers) {
      a.join().ifPresent(cosigned::append);
    }
    return cosigned.toString();
  }

  /** One witness's cosignature line on the checkpoint, or empty (logged) if it gave none. */
  private Optional<String> submit(Known w, String note, Checkpoint checkpoint) {
    String who = w.endpoint.key().name() + " at " + w.endpoint.prefix();
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        long old;
        synchronized (w) {
          old = w.size;
        }
        if (old > checkpoint.size()) {
          LOG.warning(
              "witness "
                  + who
                  + " holds size "
                  + old
                  + ", above this log's "
                  + checkpoint.size()
                  + ": it saw a checkpoint this node did not sign now (restored from backup?)");
          return Optional.empty();
        }
        List<Hash> proof =
            old == 0 || old == checkpoint.size()
                ? List.of()
                : log.consistencyProof(old, checkpoint.size()).path();
        String body = new AddCheckpointRequest(old, proof, note).encode();
        HttpResponse<String> res =
            http.send(
                HttpRequest.newBuilder(w.endpoint.addCheckpoint())
                    .timeout(timeout)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (res.statusCode() == 409) {
          long held = Long.parseLong(res.body().strip());
          synchronized (w) {
            w.size = held;
          }
          continue;
        }
        if (res.statusCode() != 200) {
          LOG.warning("witness " + who + " refused size " + checkpoint.size() + ": " + res.body());
          return Optional.empty();
        }
        Optional<String> line = cosignature(w, note, res.body());
        if (line.isPresent()) {
          synchronized (w) {
            w.size = checkpoint.size();
          }
        } else {
          LOG.warning("witness " + who + " answered no valid cosignature");
        }
        return line;
      }
      LOG.warning("witness " + who + " kept answering 409");
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warning("witness " + who + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /** The line of the answer that is this witness's valid cosignature on the note. */
  private static Optional<String> cosignature(Known w, String note, String answer) {
    for (String line : answer.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      try {
        SignedNote one = SignedNote.parse(SignedNote.parse(note).text() + "\n" + line + "\n");
        if (w.endpoint.key().cosignature(one).isPresent()) {
          return Optional.of(line + "\n");
        }
      } catch (IllegalArgumentException e) {
        // not a signature line of ours: the client must ignore unknown lines
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    running = false;
    signal();
    try {
      thread.join(timeout.toMillis() * ATTEMPTS + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
