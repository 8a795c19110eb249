package dev.swarmledger.client;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The loop of a daemon that works from the node (a verifier, a worker): one round of work, a pause
 * when there was nothing to do, and a doubling back-off (up to 30 s) while the node is unreachable
 * or refuses, until it is told to stop.
 */
public final class PollLoop {
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private PollLoop() {}

  /**
   * @param who the daemon's name in its log lines ({@code verifier}, {@code worker})
   * @param round one round of work; returns how much it did (0: pause before the next)
   */
  public static void run(
      String who, Duration poll, BooleanSupplier running, IntSupplier round, Consumer<String> log) {
    long backoff = poll.toMillis();
    while (running.getAsBoolean()) {
      try {
        int done = round.getAsInt();
        backoff = poll.toMillis();
        if (done == 0) {
          sleep(backoff);
        }
      } catch (ApiException e) {
        log.accept(
            e.transientFailure()
                ? who + ": node unreachable, retrying in " + backoff + " ms"
                : who + ": node refused a request: " + e);
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      } catch (RuntimeException e) {
        // One bad round (a job whose data is unreadable, a full disk) must not end the daemon.
        log.accept(who + ": round failed, retrying in " + backoff + " ms: " + e);
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  /** Sleeps, keeping an interruption visible to the caller's loop. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
