package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.claims.Claim;
import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/** A claim on an experiment and where it stands at the log time it was read. */
public record ClaimView(
    long id,
    String track,
    PublicKey account,
    String description,
    OptionalLong parent,
    Hash sourceSha256,
    Instant created,
    Instant expires,
    Status status) {

  /**
   * Where a claim stands. The state root records an unexpired open claim as {@code OPEN}; the API
   * shows the same claim as {@code ACTIVE}.
   */
  public enum Status {
    OPEN,
    ACTIVE,
    EXPIRED,
    RELEASED,
    FULFILLED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The claim at log time {@code now}, in the state root's words (open, expired, …). */
  public static ClaimView of(Claim c, Instant now) {
    Status s =
        switch (c.status()) {
          case OPEN -> c.activeAt(now) ? Status.OPEN : Status.EXPIRED;
          case RELEASED -> Status.RELEASED;
          case FULFILLED -> Status.FULFILLED;
        };
    return new ClaimView(
        c.id(),
        c.track(),
        c.account(),
        c.description(),
        c.parent(),
        c.sourceSha256(),
        c.created(),
        c.expires(),
        s);
  }

  /** The same claim in the API's words: an open claim is shown as active. */
  public ClaimView served() {
    return status != Status.OPEN
        ? this
        : new ClaimView(
            id, track, account, description, parent, sourceSha256, created, expires, Status.ACTIVE);
  }
}
