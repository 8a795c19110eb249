package dev.swarmledger.protocol.results;

import dev.swarmledger.protocol.crypto.PublicKey;
import java.time.Instant;

/** An assignment of a result to a verifier, valid until {@code deadline} in log time. */
public record Lease(PublicKey verifier, Instant deadline) {}
