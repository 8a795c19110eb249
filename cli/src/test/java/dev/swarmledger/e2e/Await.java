package dev.swarmledger.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls with a deadline: the end-to-end tests never sleep to wait for something. */
final class Await {
  private static final long POLL_MILLIS = 100;

  private Await() {}

  /** Returns once {@code condition} holds; fails with {@code what} after {@code within}. */
  static void until(String what, Duration within, BooleanSupplier condition) {
    value(what, within, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
  }

  /** The first value {@code probe} offers; fails with {@code what} after {@code within}. */
  static <T> T value(String what, Duration within, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Optional<T> v = probe.get();
      if (v.isPresent()) {
        return v.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + within.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
