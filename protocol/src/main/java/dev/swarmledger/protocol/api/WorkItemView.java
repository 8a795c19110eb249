package dev.swarmledger.protocol.api;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.results.Result;

/** A result a verifier is assigned to re-run and has not attested yet ({@code GET /v1/work}). */
public record WorkItemView(
    long result, String track, long seed, long steps, Hash sourceSha256, String hardwareClass) {

  public static WorkItemView of(Result r) {
    return new WorkItemView(
        r.id(),
        r.track(),
        r.submission().seed(),
        r.submission().steps(),
        r.submission().sourceSha256(),
        r.submission().run().hardwareClass());
  }
}
