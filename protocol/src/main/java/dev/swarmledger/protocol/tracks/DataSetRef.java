package dev.swarmledger.protocol.tracks;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.Optional;

/**
 * A data set named by where it lives and what it must hash to.
 *
 * @param sha256 the SHA-256 of the data itself (for a zip, of the extracted entry)
 * @param bytes the length of the data itself
 * @param zipEntry when {@code url} is a zip archive, the entry that holds the data
 */
public record DataSetRef(String url, Hash sha256, long bytes, Optional<String> zipEntry) {
  /** A plain (not archived) data file. */
  public DataSetRef(String url, Hash sha256, long bytes) {
    this(url, sha256, bytes, Optional.empty());
  }
}
