package dev.swarmledger.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A verified local copy of data sets. A file is taken from the mirror folder if one is configured
 * and holds it (by its name, its archive's name, or its content), otherwise downloaded once (with a
 * progress bar); either way it is checked against its length and SHA-256 before it is moved into
 * the cache, so the cache only ever holds verified files. A zip archive is checked against its own
 * SHA-256 before it is opened. Work in progress lives in {@code .partial} files that are removed
 * whatever happens.
 */
public final class DataCache {
  private final Path directory;
  private final Optional<Path> mirror;
  private final boolean showProgress;

  public DataCache(Path directory, Optional<Path> mirror, boolean showProgress) {
    this.directory = directory;
    this.mirror = mirror;
    this.showProgress = showProgress;
  }

  /**
   * The cache of {@code SWARM_CACHE_DIR} (default {@code ~/.cache/swarmledger}) {@code /data}, with
   * the mirror of {@code SWARM_DATA_MIRROR} if set.
   */
  public static DataCache fromEnvironment(boolean showProgress) {
    String cache = System.getenv("SWARM_CACHE_DIR");
    Path base =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "swarmledger");
    String mirror = System.getenv("SWARM_DATA_MIRROR");
    return new DataCache(
        base.resolve("data"),
        mirror == null || mirror.isBlank() ? Optional.empty() : Optional.of(Path.of(mirror)),
        showProgress);
  }

  public Path directory() {
    return directory;
  }

  /** The verified bytes of {@code dataSet}, fetching them into the cache first if needed. */
  public byte[] read(DataSet dataSet) throws IOException, DataMismatchException {
    Path cached = directory.resolve(dataSet.fileName());
    if (Files.isRegularFile(cached)) {
      byte[] bytes = Files.readAllBytes(cached);
      try {
        verify(dataSet, bytes, "cached file " + cached);
        return bytes;
      } catch (DataMismatchException corrupted) {
        Files.delete(cached);
      }
    }
    Files.createDirectories(directory);
    Path partial = Files.createTempFile(directory, "." + dataSet.fileName(), ".partial");
    try {
      String origin = fetch(dataSet, partial);
      byte[] bytes = Files.readAllBytes(partial);
      verify(dataSet, bytes, origin);
      try {
        Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING);
      }
      return bytes;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private String fetch(DataSet dataSet, Path target) throws IOException, DataMismatchException {
    if (mirror.isPresent()) {
      Path mirrored = mirror.get().resolve(dataSet.fileName());
      if (Files.isRegularFile(mirrored)) {
        Files.copy(mirrored, target, StandardCopyOption.REPLACE_EXISTING);
        return "mirror file " + mirrored;
      }
      Path archive = mirror.get().resolve(dataSet.downloadName());
      if (dataSet.zipEntry().isPresent() && Files.isRegularFile(archive)) {
        String origin = "mirror archive " + archive;
        // Check and open a private copy, so the bytes that were hashed are the bytes unzipped.
        Path copy = Files.createTempFile(directory, "." + dataSet.fileName(), ".zip.partial");
        try {
          Files.copy(archive, copy, StandardCopyOption.REPLACE_EXISTING);
          extractVerified(dataSet, copy, target, origin);
        } finally {
          Files.deleteIfExists(copy);
        }
        return origin;
      }
      Optional<Path> byContent = mirroredByContent(mirror.get(), dataSet);
      if (byContent.isPresent()) {
        Files.copy(byContent.get(), target, StandardCopyOption.REPLACE_EXISTING);
        return "mirror file " + byContent.get();
      }
    }
    if (dataSet.zipEntry().isEmpty()) {
      download(dataSet, target, dataSet.length());
      return dataSet.url().toString();
    }
    Path archive = Files.createTempFile(directory, "." + dataSet.fileName(), ".zip.partial");
    try {
      // An archive is smaller than its data; twice the data's length bounds a hostile server.
      download(dataSet, archive, Math.multiplyExact(2, dataSet.length()));
      extractVerified(dataSet, archive, target, dataSet.url().toString());
    } finally {
      Files.deleteIfExists(archive);
    }
    return dataSet.url().toString();
  }

  /**
   * Checks the archive's SHA-256 before the zip reader sees a byte of it, then extracts the entry
   * (whose length and SHA-256 {@link #read} checks after).
   */
  private static void extractVerified(DataSet dataSet, Path archive, Path target, String origin)
      throws IOException, DataMismatchException {
    String expected = dataSet.archiveSha256().orElseThrow();
    String actual = sha256Hex(archive);
    if (!actual.equals(expected)) {
      throw new DataMismatchException(
          origin
              + " has SHA-256 "
              + actual
              + ", expected "
              + expected
              + " for the archive of "
              + dataSet.fileName());
    }
    extract(dataSet, archive, target, origin);
  }

  /**
   * A mirror file with the data set's length and SHA-256, whatever its name: a mirror is
   * content-addressed in effect, so a track created on the ledger finds data mirrored for another.
   */
  private static Optional<Path> mirroredByContent(Path folder, DataSet dataSet) throws IOException {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (var files = Files.list(folder)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p)
            && Files.size(p) == dataSet.length()
            && sha256Hex(Files.readAllBytes(p)).equals(dataSet.sha256())) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Copies the data set's entry out of a zip archive, never more than its expected length. */
  private static void extract(DataSet dataSet, Path archive, Path target, String origin)
      throws IOException, DataMismatchException {
    String entry = dataSet.zipEntry().orElseThrow();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      ZipEntry e = zip.getEntry(entry);
      if (e == null || e.isDirectory()) {
        throw new DataMismatchException(
            origin + " has no entry " + entry + " for " + dataSet.fileName());
      }
      try (InputStream in = zip.getInputStream(e);
          OutputStream out = Files.newOutputStream(target)) {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
          if (total > dataSet.length()) {
            throw new DataMismatchException(
                entry + " in " + origin + " is longer than " + dataSet.length() + " bytes");
          }
          out.write(buffer, 0, n);
        }
      }
    }
  }

  private void download(DataSet dataSet, Path target, long maxBytes) throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    HttpRequest request = HttpRequest.newBuilder(dataSet.url()).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("download of " + dataSet.url() + " interrupted", e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException(
          "download of " + dataSet.url() + " failed: HTTP " + response.statusCode());
    }
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(target);
        ProgressBar bar = showProgress ? progressBar(dataSet) : null) {
      LongConsumer progress = bar == null ? n -> {} : bar::stepBy;
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new IOException(
              dataSet.url() + " is longer than the expected " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
        progress.accept(n);
      }
    }
  }

  private static ProgressBar progressBar(DataSet dataSet) {
    return new ProgressBarBuilder()
        .setTaskName(dataSet.fileName())
        .setInitialMax(dataSet.length())
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" kB", 1024)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .build();
  }

  /** Refuses {@code bytes} unless they have the data set's length and SHA-256. */
  public static void verify(DataSet dataSet, byte[] bytes, String origin)
      throws DataMismatchException {
    if (bytes.length != dataSet.length()) {
      throw new DataMismatchException(
          origin
              + " has "
              + bytes.length
              + " bytes, expected "
              + dataSet.length()
              + " for "
              + dataSet.fileName());
    }
    String actual = sha256Hex(bytes);
    if (!actual.equals(dataSet.sha256())) {
      throw new DataMismatchException(
          origin
              + " has SHA-256 "
              + actual
              + ", expected "
              + dataSet.sha256()
              + " for "
              + dataSet.fileName());
    }
  }

  private static String sha256Hex(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }
}
