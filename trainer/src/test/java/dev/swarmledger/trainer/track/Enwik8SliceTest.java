package dev.swarmledger.trainer.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.protocol.tracks.DataSetRef;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.ProgressListener;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.data.DataCache;
import dev.swarmledger.trainer.data.DataMismatchException;
import dev.swarmledger.trainer.data.Split;
import dev.swarmledger.trainer.run.Budget;
import dev.swarmledger.trainer.run.RunRecord;
import dev.swarmledger.trainer.run.RunSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * enwik8 in small: the real file (100 MB, behind a download) is not here, so a synthetic archive of
 * the same shape (a zip holding an entry {@code enwik8} of Wikipedia-like XML) stands in for it, on
 * a track that names it the way {@link DefaultTracks#ENWIK8} names the real one: both hashes, the
 * length, an exact byte split with a held-out test part.
 */
class Enwik8SliceTest {
  /** 400 kB cut like enwik8's 100 MB: 90% train, 5% validation, 5% test never read. */
  static final int BYTES = 400_000;

  static final ByteSplit SPLIT = new ByteSplit(360_000, 20_000);
  static final byte[] DATA = wikipediaLike(BYTES);

  @TempDir Path cache;
  @TempDir Path mirror;

  /** Deterministic text shaped like enwik8: XML pages with titles, markup, links and numbers. */
  static byte[] wikipediaLike(int length) {
    String[] words = {
      "the",
      "of",
      "and",
      "in",
      "a",
      "to",
      "was",
      "is",
      "for",
      "as",
      "[[London]]",
      "on",
      "by",
      "with",
      "''history''",
      "[[Category:Science]]",
      "&amp;",
      "{{cite}}",
      "1911",
      "river"
    };
    SplittableRandom random = new SplittableRandom(8);
    StringBuilder out = new StringBuilder("<mediawiki xml:lang=\"en\">\n");
    for (int page = 0; out.length() < length; page++) {
      out.append("  <page>\n    <title>Article ")
          .append(page)
          .append("</title>\n    <id>")
          .append(1000 + page)
          .append("</id>\n    <text xml:space=\"preserve\">");
      int n = 40 + random.nextInt(200);
      for (int w = 0; w < n; w++) {
        out.append(words[random.nextInt(words.length)]).append(w % 17 == 16 ? ".\n" : " ");
      }
      out.append("</text>\n  </page>\n");
    }
    return Arrays.copyOf(out.toString().getBytes(StandardCharsets.UTF_8), length);
  }

  /** Writes {@code enwik8.zip} into {@code folder} with the given entries; returns its bytes. */
  static byte[] zip(Path folder, String... entryThenContent) throws IOException {
    Path zip = folder.resolve("enwik8.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < entryThenContent.length; i += 2) {
        ZipEntry e = new ZipEntry(entryThenContent[i]);
        e.setTime(0);
        out.putNextEntry(e);
        out.write(
            entryThenContent[i + 1] == null
                ? DATA
                : entryThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return Files.readAllBytes(zip);
  }

  /** The slice's track: what the ledger would carry for it. */
  static TrackSpec track(Hash dataSha256, String entry, Hash archiveSha256) {
    return new TrackSpec(
        "enwik8-slice",
        LedgerTracks.GPT_BYTES,
        DataSetRef.zipped(
            "http://127.0.0.1:9/dc/enwik8.zip", dataSha256, BYTES, entry, archiveSha256),
        DefaultTracks.ENWIK8_BUDGET_FLOPS,
        0.005,
        0.01,
        1,
        2,
        Optional.of(SPLIT));
  }

  private DataCache dataCache() {
    return new DataCache(cache, Optional.of(mirror), false);
  }

  private void assertCacheIsEmpty() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files).as("nothing half-written or unverified is left").isEmpty();
    }
  }

  @Test
  void aGoodArchiveGivesTheExactSplitAndTheTestPartIsNeverRead() throws Exception {
    byte[] archive = zip(mirror, "README", "not the data", "enwik8", null);
    Track t = LedgerTracks.of(track(Hash.sha256(DATA), "enwik8", Hash.sha256(archive)));

    byte[] data = dataCache().read(t.dataSet());
    Split split = Split.of(data, t.split());

    assertThat(data).isEqualTo(DATA);
    assertThat(split.train()).hasSize(360_000).isEqualTo(Arrays.copyOfRange(DATA, 0, 360_000));
    assertThat(split.validation())
        .hasSize(20_000)
        .isEqualTo(Arrays.copyOfRange(DATA, 360_000, 380_000));
    assertThat(t.evalTokens()).as("the whole validation split is scored").isEqualTo(20_000);
    assertThat(t.sequenceLength()).isEqualTo(256);
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files)
          .extracting(p -> p.getFileName().toString())
          .containsExactly("enwik8-slice.data");
    }
    // The cached copy serves the next read without the mirror.
    Files.delete(mirror.resolve("enwik8.zip"));
    assertThat(new DataCache(cache, Optional.empty(), false).read(t.dataSet())).isEqualTo(DATA);
  }

  @Test
  void theSliceTrainsAndIsScoredOnItsWholeValidationSplit() throws Exception {
    byte[] archive = zip(mirror, "enwik8", null);
    TrackSpec spec = track(Hash.sha256(DATA), "enwik8", Hash.sha256(archive));
    Trainer trainer =
        LedgerTracks.covering(
            new Trainer(
                TrainerSettings.fromEnvironment(false)
                    .withDataCache(dataCache())
                    .withMemoryLimit(3L << 30, 256L << 20)),
            spec);

    RunRecord run =
        trainer.run(
            new RunSpec(spec.id(), experiment("Tiny"), 3, Budget.steps(2), 1),
            ProgressListener.NONE);

    assertThat(run.steps()).isEqualTo(2);
    // floor((20,000 - 1) / 256) = 78 whole windows of 256 targets.
    assertThat(run.evalTargets()).isEqualTo(78 * 256);
    assertThat(run.evalBytes()).isEqualTo(78 * 256);
    assertThat(run.valBpb()).isBetween(0.0, 9.0);
  }

  @Test
  void anArchiveWithAnotherHashIsRefusedBeforeItIsOpenedAndNothingIsCached() throws Exception {
    byte[] archive = zip(mirror, "enwik8", null);
    byte[] tampered = archive.clone();
    tampered[archive.length / 2] ^= 1; // a bit inside the compressed entry
    Files.write(mirror.resolve("enwik8.zip"), tampered);
    Track t = LedgerTracks.of(track(Hash.sha256(DATA), "enwik8", Hash.sha256(archive)));

    assertThatThrownBy(() -> dataCache().read(t.dataSet()))
        .isInstanceOf(DataMismatchException.class)
        .hasMessageContaining("mirror archive")
        .hasMessageContaining("expected " + Hash.sha256(archive).hex())
        .hasMessageContaining("for the archive of enwik8-slice.data");
    assertCacheIsEmpty();
  }

  @Test
  void anEntryWithAnotherHashIsRefusedAndNothingIsCached() throws Exception {
    byte[] other = DATA.clone();
    other[123] ^= 1;
    byte[] archive = zip(mirror, "enwik8", null);
    Track t = LedgerTracks.of(track(Hash.sha256(other), "enwik8", Hash.sha256(archive)));

    assertThatThrownBy(() -> dataCache().read(t.dataSet()))
        .isInstanceOf(DataMismatchException.class)
        .hasMessageContaining("has SHA-256 " + Hash.sha256(DATA).hex())
        .hasMessageContaining("expected " + Hash.sha256(other).hex());
    assertCacheIsEmpty();
  }

  @Test
  void aMissingOrWrongEntryIsRefusedAndNothingIsCached() throws Exception {
    byte[] archive = zip(mirror, "enwik9", null, "README", "hello");
    Hash archiveHash = Hash.sha256(archive);

    Track missing = LedgerTracks.of(track(Hash.sha256(DATA), "enwik8", archiveHash));
    assertThatThrownBy(() -> dataCache().read(missing.dataSet()))
        .isInstanceOf(DataMismatchException.class)
        .hasMessageContaining("has no entry enwik8");
    assertCacheIsEmpty();

    Track wrong = LedgerTracks.of(track(Hash.sha256(DATA), "README", archiveHash));
    assertThatThrownBy(() -> dataCache().read(wrong.dataSet()))
        .isInstanceOf(DataMismatchException.class)
        .hasMessageContaining("has 5 bytes, expected 400000");
    assertCacheIsEmpty();
  }

  @Test
  void aRunOnABadArchiveFailsWithTheStableDataMismatchReason() throws Exception {
    byte[] archive = zip(mirror, "enwik8", null);
    TrackSpec spec = track(Hash.sha256(DATA), "enwik8", Hash.sha256("another".getBytes()));
    Trainer trainer =
        LedgerTracks.covering(
            new Trainer(TrainerSettings.fromEnvironment(false).withDataCache(dataCache())), spec);

    assertThatThrownBy(
            () ->
                trainer.run(
                    new RunSpec(spec.id(), experiment("Tiny"), 1, Budget.steps(1), 1),
                    ProgressListener.NONE))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.DATA_MISMATCH))
        .hasMessageContaining("for the archive of");
    assertThat(archive).isNotEmpty();
    assertCacheIsEmpty();
  }

  @Test
  void theBuiltInEnwik8TrackIsTheLedgersWithItsSplitAndWholeValidation() throws Exception {
    Track t = Tracks.ENWIK8;
    assertThat(t.id()).isEqualTo("enwik8");
    assertThat(t.dataSet().fileName()).isEqualTo("enwik8");
    assertThat(t.dataSet().downloadName()).isEqualTo("enwik8.zip");
    assertThat(t.dataSet().zipEntry()).hasValue("enwik8");
    assertThat(t.dataSet().archiveSha256())
        .hasValue("547994d9980ebed1288380d652999f38a14fe291a6247c157c3d33d4932534bc");
    assertThat(t.dataSet().length()).isEqualTo(100_000_000L);
    assertThat(t.split()).isEqualTo(new ByteSplit(90_000_000, 5_000_000));
    assertThat(t.evalTokens()).isEqualTo(5_000_000);
    assertThat(t.defaultBudget()).isEqualTo(Budget.flops(8_000_000_000_000_000L));
    Trainer trainer = new Trainer(TrainerSettings.fromEnvironment(false));
    assertThat(LedgerTracks.covering(trainer, DefaultTracks.ENWIK8)).isSameAs(trainer);
    // The ledger's split differs: the ledger's definition wins.
    TrackSpec otherSplit =
        new TrackSpec(
            "enwik8",
            LedgerTracks.GPT_BYTES,
            DefaultTracks.ENWIK8_DATA,
            DefaultTracks.ENWIK8_BUDGET_FLOPS,
            0.005,
            0.01,
            1,
            2,
            Optional.of(new ByteSplit(95_000_000, 5_000_000)));
    assertThat(
            LedgerTracks.covering(trainer, otherSplit)
                .settings()
                .track("enwik8")
                .orElseThrow()
                .split())
        .isEqualTo(new ByteSplit(95_000_000, 5_000_000));
  }

  private static String experiment(String name) throws IOException {
    try (InputStream in =
        Enwik8SliceTest.class.getResourceAsStream("/experiments/" + name + ".java")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
