package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.claims.Hypothesis;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.List;

/** An idea posted for the swarm to try, with the results it cites as evidence. */
public record HypothesisView(
    long id,
    String track,
    PublicKey account,
    String title,
    String text,
    String suggestedChange,
    List<Long> evidence,
    int priority,
    Instant created) {

  public HypothesisView {
    evidence = List.copyOf(evidence);
  }

  public static HypothesisView of(Hypothesis h) {
    return new HypothesisView(
        h.id(),
        h.track(),
        h.account(),
        h.title(),
        h.text(),
        h.suggestedChange(),
        h.evidence(),
        h.priority(),
        h.created());
  }
}
