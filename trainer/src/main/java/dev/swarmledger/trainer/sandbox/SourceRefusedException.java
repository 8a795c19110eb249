package dev.swarmledger.trainer.sandbox;

import java.util.List;
import java.util.stream.Collectors;

/** The experiment uses symbols outside the allowlist; every refused use is listed. */
public final class SourceRefusedException extends Exception {
  private final List<Refusal> refusals;

  public SourceRefusedException(List<Refusal> refusals) {
    super(
        "experiment refused: "
            + refusals.stream().map(Refusal::toString).collect(Collectors.joining("; ")));
    this.refusals = List.copyOf(refusals);
  }

  public List<Refusal> refusals() {
    return refusals;
  }
}
