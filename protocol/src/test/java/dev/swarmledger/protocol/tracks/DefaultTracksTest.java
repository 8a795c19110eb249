package dev.swarmledger.protocol.tracks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default tracks are the ones DESIGN §5 names, to the byte. */
class DefaultTracksTest {
  @Test
  void enwik8IsTheHutterPrizeFileWithTheStandardSplit() {
    TrackSpec t = DefaultTracks.ENWIK8;
    assertThat(t.id()).isEqualTo("enwik8");
    assertThat(t.workload()).isEqualTo("gpt-bytes");
    assertThat(t.data().url()).isEqualTo("http://mattmahoney.net/dc/enwik8.zip");
    assertThat(t.data().bytes()).isEqualTo(100_000_000L);
    assertThat(t.data().sha256().hex())
        .isEqualTo("2b49720ec4d78c3c9fabaee6e4179a5e997302b3a70029f30f2d582218c024a8");
    assertThat(t.data().zipEntry()).hasValue("enwik8");
    assertThat(t.data().zipSha256().orElseThrow().hex())
        .isEqualTo("547994d9980ebed1288380d652999f38a14fe291a6247c157c3d33d4932534bc");
    assertThat(t.split()).hasValue(new ByteSplit(90_000_000, 5_000_000));
    assertThat(t.split().orElseThrow().usedBytes()).isEqualTo(95_000_000L);
    assertThat(t.budgetFlops()).isEqualTo(8_000_000_000_000_000L);
    assertThat(t.tolerance()).isLessThan(t.minImprovement());
    assertThat(t.tolerance()).isEqualTo(DefaultTracks.SHAKESPEARE_CHAR.tolerance());
    assertThat(t.minImprovement()).isEqualTo(DefaultTracks.SHAKESPEARE_CHAR.minImprovement());
  }

  @Test
  void shakespeareCharKeepsItsDataAndItsWorkloadSplit() {
    TrackSpec t = DefaultTracks.SHAKESPEARE_CHAR;
    assertThat(t.data().bytes()).isEqualTo(1_115_394L);
    assertThat(t.data().sha256().hex())
        .isEqualTo("86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed");
    assertThat(t.data().zipEntry()).isEmpty();
    assertThat(t.split()).isEmpty();
  }

  @Test
  void genesisCarriesBothTracks() {
    assertThat(DefaultTracks.all())
        .containsExactly(DefaultTracks.SHAKESPEARE_CHAR, DefaultTracks.ENWIK8);
  }

  @Test
  void aFractionSplitCutsWhereTheTrainerAlwaysHas() {
    ByteSplit s = ByteSplit.ofFraction(1_115_394, 0.9);
    assertThat(s.trainBytes()).isEqualTo(1_003_854L);
    assertThat(s.usedBytes()).isEqualTo(1_115_394L);
  }
}
