package dev.swarmledger.protocol.api;

import java.time.Instant;
import java.util.List;

/** A page of claims, newest first, and the log time their status was judged at. */
public record ClaimsPage(List<ClaimView> claims, Instant now) {
  public ClaimsPage {
    claims = List.copyOf(claims);
  }
}
