package dev.swarmledger.protocol.claims;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * A claim on an experiment, active from its leaf time until {@code expires} (log time) unless
 * released or fulfilled by a result.
 */
public record Claim(
    long id,
    String track,
    PublicKey account,
    String description,
    OptionalLong parent,
    Hash sourceSha256,
    Instant created,
    Instant expires,
    Status status) {

  /** Where a claim stands, apart from expiry (which depends on the time you ask). */
  public enum Status {
    OPEN,
    RELEASED,
    FULFILLED
  }

  public boolean activeAt(Instant t) {
    return status == Status.OPEN && t.isBefore(expires);
  }

  public Claim withStatus(Status s) {
    return new Claim(id, track, account, description, parent, sourceSha256, created, expires, s);
  }
}
