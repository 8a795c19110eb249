package dev.swarmledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A daemon's loop survives a bad round and a node that is away, and stops when told. */
class PollLoopTest {
  @Test
  void aFailingRoundOrAnUnreachableNodeDoesNotEndTheLoop() {
    AtomicInteger rounds = new AtomicInteger();
    List<String> said = new ArrayList<>();
    PollLoop.run(
        "worker",
        Duration.ofMillis(1),
        () -> rounds.get() < 4,
        () -> {
          int n = rounds.incrementAndGet();
          if (n == 1) {
            throw new IllegalStateException("no weights for result 7");
          }
          if (n == 2) {
            throw ApiException.unreachable("connection refused");
          }
          return n == 3 ? 1 : 0;
        },
        said::add);
    assertThat(rounds.get()).isEqualTo(4);
    assertThat(said)
        .containsExactly(
            "worker: round failed, retrying in 1 ms: java.lang.IllegalStateException: no weights"
                + " for result 7",
            "worker: node unreachable, retrying in 2 ms");
  }
}
