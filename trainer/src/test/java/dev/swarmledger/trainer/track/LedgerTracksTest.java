package dev.swarmledger.trainer.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.swarmledger.protocol.crypto.Hash;
import dev.swarmledger.protocol.tracks.ByteSplit;
import dev.swarmledger.protocol.tracks.DataSetRef;
import dev.swarmledger.protocol.tracks.DefaultTracks;
import dev.swarmledger.protocol.tracks.TrackSpec;
import dev.swarmledger.trainer.Trainer;
import dev.swarmledger.trainer.TrainerException;
import dev.swarmledger.trainer.TrainerSettings;
import dev.swarmledger.trainer.run.Budget;
import org.junit.jupiter.api.Test;

/** Tracks the operator created on the ledger are run from their spec, not from this build. */
class LedgerTracksTest {
  private static final TrackSpec ENWIK =
      new TrackSpec(
          "enwik8-like",
          LedgerTracks.GPT_BYTES,
          DataSetRef.zipped(
              "http://mattmahoney.net/dc/enwik8.zip",
              Hash.fromHex("2b49720ec4d78c3c9fabaee6e4179a5e997302b3a70029f30f2d582218c024a8"),
              100_000_000,
              "enwik8",
              Hash.fromHex("547994d9980ebed1288380d652999f38a14fe291a6247c157c3d33d4932534bc")),
          123_000_000_000_000L,
          0.001,
          0.01,
          1,
          2);

  @Test
  void aLedgerTrackTakesItsDataAndBudgetFromTheSpec() throws TrainerException {
    Track t = LedgerTracks.of(ENWIK);
    assertThat(t.id()).isEqualTo("enwik8-like");
    assertThat(t.dataSet().sha256()).isEqualTo(ENWIK.data().sha256().hex());
    assertThat(t.dataSet().length()).isEqualTo(100_000_000);
    assertThat(t.dataSet().zipEntry()).hasValue("enwik8");
    assertThat(t.dataSet().downloadName()).isEqualTo("enwik8.zip");
    assertThat(t.defaultBudget()).isEqualTo(Budget.flops(123_000_000_000_000L));
    // No split on the ledger: the workload's 90/10, scored on tiny-shakespeare's target count.
    assertThat(t.split()).isEqualTo(new ByteSplit(90_000_000, 10_000_000));
    assertThat(t.evalTokens()).isEqualTo(110_592);
  }

  @Test
  void anUnknownWorkloadIsRefusedAsAnUnknownTrack() {
    TrackSpec other =
        new TrackSpec(
            "vision", "resnet-pixels", ENWIK.data(), ENWIK.budgetFlops(), 0.0, 0.01, 1, 2);
    assertThatThrownBy(() -> LedgerTracks.of(other))
        .isInstanceOfSatisfying(
            TrainerException.class,
            e -> assertThat(e.reason()).isEqualTo(TrainerException.Reason.UNKNOWN_TRACK));
  }

  @Test
  void aTrainerLearnsNewTracksAndKeepsItsOwnSettingsForTheDataItWasBuiltFor()
      throws TrainerException {
    Trainer trainer = new Trainer(TrainerSettings.fromEnvironment(false));
    assertThat(trainer.settings().track("enwik8-like")).isEmpty();
    Trainer covering = LedgerTracks.covering(trainer, ENWIK);
    assertThat(covering.settings().track("enwik8-like")).isPresent();

    TrackSpec shakespeare = DefaultTracks.SHAKESPEARE_CHAR;
    assertThat(LedgerTracks.covering(trainer, shakespeare)).isSameAs(trainer);
    // The same id with other data on the ledger: the ledger's definition wins.
    TrackSpec moved =
        new TrackSpec(
            shakespeare.id(),
            shakespeare.workload(),
            new DataSetRef("https://example.org/other.txt", Hash.sha256(new byte[] {1}), 10),
            shakespeare.budgetFlops(),
            shakespeare.tolerance(),
            shakespeare.minImprovement(),
            1,
            2);
    Track replaced =
        LedgerTracks.covering(trainer, moved).settings().track(shakespeare.id()).orElseThrow();
    assertThat(replaced.dataSet().length()).isEqualTo(10);
  }
}
