package dev.swarmledger.trainer.sandbox;

import java.util.List;

/** The experiment source does not compile, or is not a usable experiment class. */
public final class CompilationFailedException extends Exception {
  private final List<String> diagnostics;

  public CompilationFailedException(List<String> diagnostics) {
    super("experiment does not compile: " + String.join("; ", diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<String> diagnostics() {
    return diagnostics;
  }
}
