package dev.swarmledger.node.storage;

/** Receives the entries of a {@link KeyValueStore#scan} in key order; return false to stop. */
@FunctionalInterface
public interface ScanVisitor {
  /** The arrays belong to the visitor; returns whether the scan should continue. */
  boolean visit(byte[] key, byte[] value);
}
