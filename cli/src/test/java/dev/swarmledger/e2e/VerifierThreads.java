package dev.swarmledger.e2e;

import dev.swarmledger.client.LedgerClient;
import dev.swarmledger.protocol.crypto.SigningKey;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.verifier.VerifierDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Verifier daemons running in this JVM (their re-runs still train in child processes). */
final class VerifierThreads implements AutoCloseable {
  private final List<VerifierDaemon> daemons = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Throwable> crashes = new CopyOnWriteArrayList<>();

  void start(String name, String url, SigningKey key, Trainer trainer, Path state) {
    VerifierDaemon d =
        new VerifierDaemon(
            new LedgerClient(url),
            key,
            trainer,
            state,
            line -> System.out.println("[" + name + "] " + line),
            id -> ProgressListener.NONE);
    Thread t = new Thread(() -> d.run(Duration.ofMillis(250)), "verifier-" + name);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((th, e) -> crashes.add(e));
    t.start();
    daemons.add(d);
    threads.add(t);
  }

  /** Fails if a daemon's loop died of an exception (it would otherwise just stop verifying). */
  void assertNoneCrashed() {
    if (!crashes.isEmpty()) {
      AssertionError e = new AssertionError("a verifier daemon crashed: " + crashes.get(0));
      crashes.forEach(e::addSuppressed);
      throw e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    daemons.forEach(VerifierDaemon::stop);
    for (Thread t : threads) {
      t.join(120_000);
    }
  }
}
