package dev.swarmledger.protocol.tracks;

import dev.swarmledger.protocol.crypto.Hash;
import java.util.Optional;

/**
 * A data set named by where it lives and what it must hash to.
 *
 * @param sha256 the SHA-256 of the data itself (for a zip, of the extracted entry)
 * @param bytes the length of the data itself
 * @param zipEntry when {@code url} is a zip archive, the entry that holds the data
 * @param zipSha256 the SHA-256 of that archive, present exactly when {@code zipEntry} is: the
 *     archive is checked before it is opened, so no unverified bytes reach the zip reader
 */
public record DataSetRef(
    String url, Hash sha256, long bytes, Optional<String> zipEntry, Optional<Hash> zipSha256) {
  public DataSetRef {
    if (bytes < 1) {
      throw new IllegalArgumentException("a data set has at least one byte");
    }
    if (zipEntry.isPresent() != zipSha256.isPresent()) {
      throw new IllegalArgumentException(
          "a zipped data set names both its entry and the archive's SHA-256");
    }
  }

  /** A plain (not archived) data file. */
  public DataSetRef(String url, Hash sha256, long bytes) {
    this(url, sha256, bytes, Optional.empty(), Optional.empty());
  }

  /** The data in entry {@code entry} of the zip archive at {@code url}. */
  public static DataSetRef zipped(
      String url, Hash sha256, long bytes, String entry, Hash archiveSha256) {
    return new DataSetRef(url, sha256, bytes, Optional.of(entry), Optional.of(archiveSha256));
  }
}
