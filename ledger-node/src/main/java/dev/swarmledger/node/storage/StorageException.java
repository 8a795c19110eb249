package dev.swarmledger.node.storage;

/** Unchecked failure of a storage engine (I/O error, corruption, engine refusal). */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
