package dev.swarmledger.trainer.data;

/** A data file's length or SHA-256 differs from its {@link DataSet}; nothing was cached. */
public final class DataMismatchException extends Exception {
  public DataMismatchException(String message) {
    super(message);
  }
}
