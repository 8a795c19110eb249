package dev.swarmledger.protocol.claims;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.List;

/** An idea posted for the swarm to try. */
public record Hypothesis(
    long id,
    String track,
    PublicKey account,
    String title,
    String text,
    String suggestedChange,
    List<Long> evidence,
    int priority,
    Instant created) {
  public Hypothesis {
    evidence = List.copyOf(evidence);
  }
}
