package dev.swarmledger.node.mirror;

import dev.swarmledger.protocol.merkle.ConsistencyProof;
import java.util.List;

/**
 * Where a mirror reads the log it follows: the followed node's API ({@code GET /v1/log/checkpoint},
 * {@code /v1/log/entries}, {@code /v1/log/proof/consistency}). Nothing it returns is trusted.
 */
public interface LogSource {
  /** The latest signed checkpoint note. */
  String checkpoint();

  /** Leaves {@code start..end-1}, possibly fewer (a bounded page). */
  List<byte[]> entries(long start, long end);

  ConsistencyProof consistency(long from, long to);
}
