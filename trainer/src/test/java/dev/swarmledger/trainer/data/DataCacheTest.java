package dev.swarmledger.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.trainer.track.Tracks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheTest {
  @TempDir Path cacheDir;
  @TempDir Path mirrorDir;

  /**
   * A URL nothing listens on: any attempt to download fails fast instead of reaching the network.
   */
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9/none.txt");

  private static DataSet dataSet(byte[] content, String name) {
    return new DataSet(name, NOWHERE, DataCache.sha256Hex(content), content.length);
  }

  @Test
  void readsTheSharedMirrorAndCachesTheVerifiedFile() throws Exception {
    String mirror = System.getenv("SWARM_DATA_MIRROR");
    assertThat(mirror).as("surefire sets SWARM_DATA_MIRROR").isNotBlank();
    DataCache cache = new DataCache(cacheDir, Optional.of(Path.of(mirror)), false);

    byte[] data = cache.read(Tracks.SHAKESPEARE_CHAR.dataSet());

    assertThat(data).hasSize(1_115_394);
    assertThat(DataCache.sha256Hex(data))
        .isEqualTo("86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed");
    assertThat(cacheDir.resolve("tinyshakespeare.txt")).exists().hasSize(1_115_394);
  }

  @Test
  void aCachedFileIsUsedWithoutTheMirror() throws Exception {
    byte[] content = "to be or not to be".getBytes(StandardCharsets.US_ASCII);
    Files.write(mirrorDir.resolve("small.txt"), content);
    DataSet set = dataSet(content, "small.txt");
    new DataCache(cacheDir, Optional.of(mirrorDir), false).read(set);
    Files.delete(mirrorDir.resolve("small.txt"));

    assertThat(new DataCache(cacheDir, Optional.empty(), false).read(set)).isEqualTo(content);
  }

  @Test
  void aFileWithTheWrongHashIsRefusedAndNothingIsCached() throws Exception {
    byte[] expected = "the true text".getBytes(StandardCharsets.US_ASCII);
    byte[] tampered = "the TRUE text".getBytes(StandardCharsets.US_ASCII);
    Files.write(mirrorDir.resolve("text.txt"), tampered);
    DataCache cache = new DataCache(cacheDir, Optional.of(mirrorDir), false);

    assertThatThrownBy(() -> cache.read(dataSet(expected, "text.txt")))
        .isInstanceOf(DataMismatchException.class)
        .hasMessageContaining("SHA-256")
        .hasMessageContaining(DataCache.sha256Hex(expected));
    try (var files = Files.list(cacheDir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aFileWithTheWrongLengthIsRefused() throws Exception {
    byte[] expected = "abc".getBytes(StandardCharsets.US_ASCII);
    Files.write(mirrorDir.resolve("short.txt"), "abcd".getBytes(StandardCharsets.US_ASCII));
    DataCache cache = new DataCache(cacheDir, Optional.of(mirrorDir), false);

    assertThatThrownBy(() -> cache.read(dataSet(expected, "short.txt")))
        .isInstanceOf(DataMismatchException.class)
        .hasMessageContaining("4 bytes, expected 3");
    assertThat(cacheDir.resolve("short.txt")).doesNotExist();
  }

  @Test
  void aCorruptedCacheEntryIsReplacedFromTheMirror() throws Exception {
    byte[] content = "good bytes".getBytes(StandardCharsets.US_ASCII);
    Files.write(mirrorDir.resolve("c.txt"), content);
    Files.write(cacheDir.resolve("c.txt"), "evil bytes".getBytes(StandardCharsets.US_ASCII));

    byte[] read =
        new DataCache(cacheDir, Optional.of(mirrorDir), false).read(dataSet(content, "c.txt"));

    assertThat(read).isEqualTo(content);
    assertThat(Files.readAllBytes(cacheDir.resolve("c.txt"))).isEqualTo(content);
  }

  @Test
  void splitsNinetyTenOnBytesAndTokenizesOneTokenPerByte() {
    byte[] data = new byte[1000];
    data[900] = (byte) 0xff;
    Split split = Split.of(data, ByteSplit.ofFraction(data.length, 0.9));
    assertThat(split.train()).hasSize(900);
    assertThat(split.validation()).hasSize(100);
    ByteTokenizer tokenizer = new ByteTokenizer();
    assertThat(tokenizer.encode(split.validation())[0]).isEqualTo(255);
    assertThat(tokenizer.byteLength(255)).isEqualTo(1);
    assertThat(tokenizer.vocabularySize()).isEqualTo(256);
  }

  @Test
  void anExactSplitLeavesTheTestPartOut() {
    byte[] data = new byte[1000];
    data[949] = 1;
    data[950] = 2;
    Split split = Split.of(data, new ByteSplit(900, 50));
    assertThat(split.train()).hasSize(900);
    assertThat(split.validation()).hasSize(50).endsWith((byte) 1);
    assertThatThrownBy(() -> Split.of(data, new ByteSplit(900, 101)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aZippedDataSetIsExtractedFromItsMirroredArchiveAndChecked() throws Exception {
    byte[] content = "the data inside the archive".getBytes(StandardCharsets.US_ASCII);
    Path zip = mirrorDir.resolve("corpus.zip");
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
      out.write("not this one".getBytes(StandardCharsets.US_ASCII));
      out.closeEntry();
      out.putNextEntry(new java.util.zip.ZipEntry("corpus"));
      out.write(content);
      out.closeEntry();
    }
    String archive = DataCache.sha256Hex(Files.readAllBytes(zip));
    DataSet set =
        DataSet.zipped(
            "corpus.data",
            URI.create("http://127.0.0.1:9/dl/corpus.zip"),
            DataCache.sha256Hex(content),
            content.length,
            "corpus",
            archive);
    assertThat(new DataCache(cacheDir, Optional.of(mirrorDir), false).read(set)).isEqualTo(content);
    assertThat(cacheDir.resolve("corpus.data")).exists();

    DataSet wrongEntry =
        DataSet.zipped(
            "other.data",
            URI.create("http://127.0.0.1:9/dl/corpus.zip"),
            DataCache.sha256Hex(content),
            content.length,
            "readme.txt",
            archive);
    assertThatThrownBy(
            () -> new DataCache(cacheDir, Optional.of(mirrorDir), false).read(wrongEntry))
        .isInstanceOf(DataMismatchException.class);
    assertThat(cacheDir.resolve("other.data")).doesNotExist();
  }

  @Test
  void aMirrorIsSearchedByContentWhenTheNameDiffers() throws Exception {
    byte[] content = "mirrored under another name".getBytes(StandardCharsets.US_ASCII);
    Files.write(mirrorDir.resolve("whatever-it-was-called.txt"), content);
    DataSet set = dataSet(content, "track-x.data");
    assertThat(new DataCache(cacheDir, Optional.of(mirrorDir), false).read(set)).isEqualTo(content);
  }
}
