package dev.swarmledger.node.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An engine-neutral, ordered list of puts and deletes that {@link KeyValueStore#write} applies
 * atomically. Not thread-safe: one thread builds a batch, then hands it over.
 */
public final class WriteBatch {
  /** Per-operation bookkeeping an engine spends besides key and value bytes (a rough figure). */
  private static final int OPERATION_OVERHEAD_BYTES = 16;

  private final List<Operation> operations = new ArrayList<>();
  private long approximateBytes;

  /** Stores {@code value} under {@code key}; both arrays are copied, so callers may reuse them. */
  public WriteBatch put(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    operations.add(new Operation(key.clone(), value.clone()));
    approximateBytes += key.length + value.length + OPERATION_OVERHEAD_BYTES;
    return this;
  }

  /** Removes {@code key}; deleting an absent key is not an error. */
  public WriteBatch delete(byte[] key) {
    Objects.requireNonNull(key, "key");
    operations.add(new Operation(key.clone(), null));
    approximateBytes += key.length + OPERATION_OVERHEAD_BYTES;
    return this;
  }

  public int size() {
    return operations.size();
  }

  public boolean isEmpty() {
    return operations.isEmpty();
  }

  /** Approximate number of bytes this batch will occupy in an engine's write-ahead log. */
  public long approximateSizeInBytes() {
    return approximateBytes;
  }

  /** Hands the operations, in insertion order, to an engine. */
  void applyTo(Target target) {
    for (Operation operation : operations) {
      if (operation.value() == null) {
        target.delete(operation.key());
      } else {
        target.put(operation.key(), operation.value());
      }
    }
  }

  @Override
  public String toString() {
    return "WriteBatch[" + operations.size() + " operations, ~" + approximateBytes + " bytes]";
  }

  /** What an engine implements to receive a batch's operations. */
  interface Target {
    void put(byte[] key, byte[] value);

    void delete(byte[] key);
  }

  /** One put (value present) or delete (value null); private, so the null never escapes. */
  private record Operation(byte[] key, byte[] value) {}
}
