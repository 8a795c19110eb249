package dev.swarmledger.trainer.data;

import dev.swarmledger.protocol.tracks.DataSetRef;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A data set named by where it comes from and what it must be: URL, SHA-256 and length in bytes.
 *
 * @param fileName the name of the file in the cache and in a mirror folder
 * @param zipEntry when {@code url} is a zip archive, the entry holding the data; {@code sha256} and
 *     {@code length} are the entry's
 * @param archiveSha256 the SHA-256 of that archive, present exactly when {@code zipEntry} is: it is
 *     checked before the archive is opened
 */
public record DataSet(
    String fileName,
    URI url,
    String sha256,
    long length,
    Optional<String> zipEntry,
    Optional<String> archiveSha256) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

  public DataSet {
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits");
    }
    archiveSha256 = archiveSha256.map(h -> h.toLowerCase(Locale.ROOT));
    if (archiveSha256.isPresent() && !HEX64.matcher(archiveSha256.get()).matches()) {
      throw new IllegalArgumentException("the archive's sha256 must be 64 hex digits");
    }
    if (zipEntry.isPresent() != archiveSha256.isPresent()) {
      throw new IllegalArgumentException(
          "a zipped data set names both its entry and the archive's SHA-256");
    }
    if (!SAFE_NAME.matcher(fileName).matches() || fileName.startsWith(".")) {
      throw new IllegalArgumentException("unsafe data file name: " + fileName);
    }
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive");
    }
  }

  /** A plain data file. */
  public DataSet(String fileName, URI url, String sha256, long length) {
    this(fileName, url, sha256, length, Optional.empty(), Optional.empty());
  }

  /** The data in entry {@code entry} of the zip archive at {@code url}. */
  public static DataSet zipped(
      String fileName, URI url, String sha256, long length, String entry, String archiveSha256) {
    return new DataSet(
        fileName, url, sha256, length, Optional.of(entry), Optional.of(archiveSha256));
  }

  /** The data set a ledger track names, stored under {@code fileName} in the cache and mirrors. */
  public static DataSet of(String fileName, DataSetRef ref) {
    return new DataSet(
        fileName,
        URI.create(ref.url()),
        ref.sha256().hex(),
        ref.bytes(),
        ref.zipEntry(),
        ref.zipSha256().map(h -> h.hex()));
  }

  /** The last segment of the URL: the name a mirror folder keeps the download under. */
  public String downloadName() {
    String path = url.getPath() == null ? "" : url.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return SAFE_NAME.matcher(last).matches() && !last.startsWith(".") ? last : fileName;
  }
}
