package dev.swarmledger.trainer.harness;

/** libtorch could not be loaded, or the required device is missing. */
public final class BackendUnavailableException extends Exception {
  public BackendUnavailableException(String message) {
    super(message);
  }
}
